// Filters v2 (https://docs.joinmastodon.org/api/guidelines/#filters): the contexts, actions
// and limits, and the pure matcher that decides which of a viewer's filters match a status.
// Keyword matching is Mastodon's CustomFilterKeyword#to_regex: case-insensitive, and for a
// whole-word keyword a word boundary on each side that begins or ends with a word character,
// with Unicode letters, marks and digits counting as word characters (Ruby's [[:word:]]),
// so "café" does not match inside "cafés" and "猫" works as a keyword.

export const FILTER_CONTEXTS = ["home", "notifications", "public", "thread", "account"] as const;
export type FilterContext = (typeof FILTER_CONTEXTS)[number];

/** blur (4.4): shown behind a warning with media blurred; hide: removed server-side. */
export const FILTER_ACTIONS = ["warn", "hide", "blur"] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** Mastodon 4.4's CustomFilter::TITLE_LENGTH_LIMIT and CustomFilterKeyword's. */
export const FILTER_TITLE_MAX = 256;
export const FILTER_KEYWORD_MAX = 512;
/** Hearth's own caps (Mastodon has none): enough for real use, bounded for the matcher. */
export const FILTERS_PER_ACCOUNT = 100;
export const KEYWORDS_PER_FILTER = 100;
export const STATUSES_PER_FILTER = 1000;

export function isFilterContext(value: string): value is FilterContext {
  return (FILTER_CONTEXTS as readonly string[]).includes(value);
}

export function isFilterAction(value: string): value is FilterAction {
  return (FILTER_ACTIONS as readonly string[]).includes(value);
}

export interface FilterKeywordRule {
  keyword: string;
  wholeWord: boolean;
}

export interface FilterRules<F> {
  filter: F;
  keywords: FilterKeywordRule[];
  /** Statuses the filter names (FilterStatus). */
  statusIds: ReadonlySet<string>;
}

/** What a status offers the matcher: its ids and searchable text (Mastodon's searchable_text). */
export interface FilterableStatus {
  id: string;
  /** For a boost, the boosted status (its text is what is matched). */
  reblogOfId: string | null;
  /** Content warning, plain text, poll options, media descriptions. */
  text: string;
}

export interface FilterMatch<F> {
  filter: F;
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}

const WORD = "[\\p{L}\\p{M}\\p{N}\\p{Pc}]";
const startsWithWord = new RegExp(`^${WORD}`, "u");
const endsWithWord = new RegExp(`${WORD}$`, "u");

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** The keyword as a regular expression (case-insensitive, Unicode-aware). */
export function keywordRegExp(rule: FilterKeywordRule): RegExp {
  const body = escapeRegExp(rule.keyword);
  if (!rule.wholeWord) return new RegExp(body, "iu");
  const before = startsWithWord.test(rule.keyword) ? `(?<!${WORD})` : "";
  const after = endsWithWord.test(rule.keyword) ? `(?!${WORD})` : "";
  return new RegExp(`${before}${body}${after}`, "iu");
}

/** The text a filter looks at: CW, text, poll options, media descriptions (Mastodon's order). */
export function searchableText(parts: {
  spoilerText: string;
  plainText: string;
  pollOptions: readonly string[];
  mediaDescriptions: readonly (string | null)[];
}): string {
  return [
    parts.spoilerText,
    parts.plainText,
    parts.pollOptions.join("\n\n"),
    parts.mediaDescriptions.filter((d): d is string => d !== null && d !== "").join("\n\n"),
  ]
    .filter((p) => p !== "")
    .join("\n\n");
}

/**
 * The filters matching a status, in the order given. As Mastodon: a keyword filter reports the
 * earliest match in the text; a status filter reports which of the status and its boosted
 * original it names.
 */
export function matchFilters<F>(
  rules: readonly FilterRules<F>[],
  status: FilterableStatus,
): FilterMatch<F>[] {
  const matches: FilterMatch<F>[] = [];
  for (const rule of rules) {
    let first: { index: number; text: string } | null = null;
    for (const keyword of rule.keywords) {
      const found = keywordRegExp(keyword).exec(status.text);
      if (found !== null && (first === null || found.index < first.index)) {
        first = { index: found.index, text: found[0] };
      }
    }
    const named = [status.id, status.reblogOfId].filter(
      (id): id is string => id !== null && rule.statusIds.has(id),
    );
    if (first === null && named.length === 0) continue;
    matches.push({
      filter: rule.filter,
      keywordMatches: first === null ? null : [first.text],
      statusMatches: named.length === 0 ? null : named,
    });
  }
  return matches;
}

/** Plain text of rendered HTML, enough for matching: tags out, breaks as newlines, entities decoded. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}
