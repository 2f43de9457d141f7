// Custom emoji shortcodes as Mastodon reads them (CustomEmoji::SHORTCODE_RE_FRAGMENT and
// SCAN_RE): 2+ ASCII letters, digits or underscores between colons, not glued to a letter,
// digit or another colon on either side — so "12:30:45" and "a:b:c" hold none.

export const SHORTCODE_RE = /^[a-zA-Z0-9_]{2,}$/;

const SCAN_RE = /(?<=^|[^\p{L}\p{N}:]):([a-zA-Z0-9_]{2,}):(?=[^\p{L}\p{N}:]|$)/gu;

export function isShortcode(text: string): boolean {
  return SHORTCODE_RE.test(text);
}

/** The distinct shortcodes written in `texts`, in order of first appearance. */
export function shortcodesIn(...texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(SCAN_RE)) found.add(m[1] as string);
  return [...found];
}

/** Largest emoji image we take, as Mastodon's CustomEmoji::LOCAL_LIMIT. */
export const EMOJI_SIZE_LIMIT = 256 * 1024;
