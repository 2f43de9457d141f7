// What a search query means, before any SQL: the words to look for and whether the query is
// an address or a URL. Pure, so hostile input (quotes, `*`, `(`, `NEAR(`, huge strings) is
// handled in one place: only letters, marks and digits ever reach a full-text engine, so no
// user character can be FTS5 or tsquery syntax.

/** Longer queries are cut, not refused: Mastodon answers them, and no word is this long. */
export const MAX_QUERY_CHARS = 512;
/** Words looked for in statuses (ANDed); more are ignored. */
export const MAX_STATUS_TERMS = 16;
/** Words looked for in accounts (each a prefix of the username, display name or domain). */
export const MAX_ACCOUNT_TERMS = 4;
const MAX_TERM_CHARS = 100;

/**
 * The query as searched: control characters as spaces (PostgreSQL refuses NUL in text),
 * trimmed and cut to MAX_QUERY_CHARS code points.
 */
export function normalizeQuery(raw: string): string {
  const clean = raw.replace(/\p{Cc}/gu, " ").trim();
  return [...clean].slice(0, MAX_QUERY_CHARS).join("").trim();
}

/**
 * The words of `query` as both engines tokenize text (SQLite's unicode61, PostgreSQL's
 * `simple` parser): runs of letters, marks and digits, lower-cased, without duplicates.
 */
export function searchTerms(query: string, max = MAX_STATUS_TERMS): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => [...w].slice(0, MAX_TERM_CHARS).join("")))].slice(0, max);
}

/** An FTS5 MATCH expression: every term as a quoted string (quotes cannot occur in a term). */
export function fts5Match(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(" ");
}

export interface AccountAddress {
  username: string;
  /** null: no domain given; the caller decides whether that means ours. */
  domain: string | null;
}

/**
 * `user`, `@user`, `user@host` or `@user@host` — one token, username characters only — or
 * null for anything else (display-name searches).
 */
export function parseAccountAddress(query: string): AccountAddress | null {
  const match = /^@?([a-z0-9_]+(?:[.-][a-z0-9_]+)*)(?:@([a-z0-9.-]+(?::\d+)?))?$/i.exec(query);
  if (match === null) return null;
  const domain = match[2] ?? null;
  return { username: match[1] as string, domain: domain === null ? null : domain.toLowerCase() };
}

/** An http(s) URL (resolve=true looks these up instead of searching text). */
export function isUrlQuery(query: string): boolean {
  if (!/^https?:\/\//i.test(query)) return false;
  try {
    new URL(query);
    return true;
  } catch {
    return false;
  }
}

/** Escapes a LIKE pattern's wildcards (used with `escape '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
