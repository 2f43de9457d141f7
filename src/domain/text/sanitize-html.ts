// HTML from other servers (post content, profile notes and fields), cut down to Mastodon's
// allow-list (its Sanitize::Config::MASTODON_STRICT): a few inline and block elements, links
// with safe schemes only, microformat and Mastodon's own classes. Everything else is dropped:
// unknown elements are unwrapped (their text stays), script-like ones go with their content,
// headings become <p><strong>. The output is always well-formed (every element closed).
//
// A tokenizer rather than a DOM parser (none is a dependency): the output never contains a tag
// or attribute we did not write ourselves, so malformed input can only lose text, never
// smuggle markup through.

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: ["class"],
  br: [],
  span: ["class", "translate"],
  a: ["href", "rel", "class", "translate"],
  del: [],
  s: [],
  pre: [],
  code: [],
  em: [],
  strong: [],
  b: [],
  i: [],
  u: [],
  ul: [],
  ol: ["start", "reversed"],
  li: ["value"],
  blockquote: [],
  ruby: [],
  rt: [],
  rp: [],
};

const VOID = new Set(["br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col"]);
/** Dropped together with what they hold. */
const DROP_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "title",
  "textarea",
  "select",
  "svg",
  "math",
  "head",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const LINK_SCHEMES = new Set([
  "http",
  "https",
  "dat",
  "dweb",
  "ipfs",
  "ipns",
  "ssb",
  "gopher",
  "xmpp",
  "magnet",
  "gemini",
]);
const CLASS_RE = /^(?:(?:h|p|u|dt|e)-[\w-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;

const TOKEN_RE =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
const ATTR_RE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Decodes character references (attribute values are checked decoded). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : "\ufffd";
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function safeHref(raw: string): string | null {
  const href = decodeEntities(raw);
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"); a URL
  // has none anywhere, so any makes the link unparsable (Mastodon: plain text then).
  if ([...href].some((c) => c.charCodeAt(0) <= 0x20 || c === "\u007f")) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1];
  if (scheme === undefined) return null; // relative links mean nothing on another server
  return LINK_SCHEMES.has(scheme.toLowerCase()) ? href : null;
}

function attributes(tag: string, raw: string): string {
  // `lang` is kept on every element (Mastodon's allow-list).
  const allowed = [...(ALLOWED[tag] ?? []), "lang"];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of raw.matchAll(ATTR_RE)) {
    const name = m[1]!.toLowerCase();
    if (!allowed.includes(name) || seen.has(name)) continue;
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    let kept: string | null = decodeEntities(value);
    if (name === "href") kept = safeHref(value);
    else if (name === "class") {
      const classes = kept.split(/\s+/).filter((c) => CLASS_RE.test(c));
      kept = classes.length === 0 ? null : classes.join(" ");
    } else if (name === "start" || name === "value") kept = /^-?\d+$/.test(kept) ? kept : null;
    else if (name === "reversed") kept = "";
    else if (name === "translate") kept = kept === "no" ? "no" : null;
    else if (name === "lang")
      kept = /^[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*$/.test(kept) ? kept : null;
    if (kept === null) continue;
    seen.add(name);
    out.push(name === "reversed" ? " reversed" : ` ${name}="${escapeHtml(kept)}"`);
  }
  if (tag === "a" && seen.has("href")) {
    // Mastodon's links open elsewhere and pass no referrer or ranking.
    if (!seen.has("rel")) out.push(' rel="nofollow noopener noreferrer"');
    out.push(' target="_blank"');
  }
  return out.join("");
}

/** Text as it may appear between tags: entities kept, stray brackets escaped. */
function cleanText(text: string): string {
  return text
    .replace(/&(?!(?:#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);)/gi, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let dropping: string | null = null;
  let dropDepth = 0;
  for (const m of html.matchAll(TOKEN_RE)) {
    const token = m[0];
    const name = m[2]?.toLowerCase();
    const closing = m[1] === "/";
    if (dropping !== null) {
      if (name === dropping) dropDepth += closing ? -1 : 1;
      if (dropDepth === 0) dropping = null;
      continue;
    }
    if (name === undefined) {
      if (!token.startsWith("<") || token === "<") out.push(cleanText(token));
      continue; // comments, doctypes, CDATA, processing instructions
    }
    if (DROP_CONTENT.has(name)) {
      if (!closing && !/\/\s*$/.test(m[3] ?? "")) {
        dropping = name;
        dropDepth = 1;
      }
      continue;
    }
    // Headings are shown as a bold paragraph, as Mastodon does.
    const tag = HEADINGS.has(name) ? "h" : name;
    if (tag !== "h" && ALLOWED[tag] === undefined) continue; // unwrap: the text stays
    if (closing) {
      const at = Math.max(open.lastIndexOf(tag), tag === "a" ? open.lastIndexOf("a-text") : -1);
      if (at === -1) continue;
      while (open.length > at) out.push(closer(open.pop()!));
      continue;
    }
    if (tag === "h") {
      out.push("<p><strong>");
      open.push("h");
    } else if (tag === "a" && !/ href="/.test(attributes(tag, m[3] ?? ""))) {
      // A link without a usable href is its text only (Mastodon: plain text).
      open.push("a-text");
    } else if (VOID.has(tag)) out.push(`<${tag}>`);
    else {
      out.push(`<${tag}${attributes(tag, m[3] ?? "")}>`);
      open.push(tag);
    }
  }
  while (open.length > 0) out.push(closer(open.pop()!));
  return out.join("");
}

function closer(open: string): string {
  if (open === "h") return "</strong></p>";
  return open === "a-text" ? "" : `</${open}>`;
}

/** Plain text of HTML (display names, alt text, poll options): no markup at all. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
      .replace(/<[^>]*>/g, ""),
  );
}
