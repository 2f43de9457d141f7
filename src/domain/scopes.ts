// OAuth scopes as Mastodon defines them (https://docs.joinmastodon.org/api/oauth-scopes/):
// broad scopes (`read`, `write`, `admin:read` …) include their granular children, and the
// deprecated `follow` stands for the relationship scopes.

const GRANULAR = {
  read: [
    "accounts",
    "blocks",
    "bookmarks",
    "favourites",
    "filters",
    "follows",
    "lists",
    "mutes",
    "notifications",
    "search",
    "statuses",
  ],
  write: [
    "accounts",
    "blocks",
    "bookmarks",
    "conversations",
    "favourites",
    "filters",
    "follows",
    "lists",
    "media",
    "mutes",
    "notifications",
    "reports",
    "statuses",
  ],
  admin: [
    "accounts",
    "canonical_email_blocks",
    "domain_allows",
    "domain_blocks",
    "email_domain_blocks",
    "ip_blocks",
    "reports",
  ],
} as const;

/** Every scope an app may ask for. */
export const ALL_SCOPES: readonly string[] = [
  "profile",
  "read",
  "write",
  "follow",
  "push",
  ...GRANULAR.read.map((s) => `read:${s}`),
  ...GRANULAR.write.map((s) => `write:${s}`),
  "admin:read",
  "admin:write",
  ...GRANULAR.admin.map((s) => `admin:read:${s}`),
  ...GRANULAR.admin.map((s) => `admin:write:${s}`),
];

const KNOWN = new Set(ALL_SCOPES);

/** What `follow` stood for before granular scopes (Mastodon keeps it as an alias). */
const FOLLOW_ALIAS = [
  "read:follows",
  "write:follows",
  "read:blocks",
  "write:blocks",
  "read:mutes",
  "write:mutes",
];

/** Scopes given by the client: space-separated (or `+`-separated, as some clients send). */
export function parseScopes(text: string | undefined | null): string[] {
  if (text === undefined || text === null) return [];
  return [...new Set(text.split(/[\s+]+/).filter((s) => s !== ""))];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !KNOWN.has(s));
}

/** True when the granted scopes allow `required` (e.g. `read` allows `read:statuses`). */
export function scopeAllows(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const parts = required.split(":");
  // read:statuses ← read; admin:read:accounts ← admin:read
  if (parts.length >= 2 && granted.includes(parts.slice(0, -1).join(":"))) return true;
  if (FOLLOW_ALIAS.includes(required) && granted.includes("follow")) return true;
  // `profile` is the narrow scope for verify_credentials; `read` and `read:accounts` cover it.
  if (required === "profile") return granted.includes("read") || granted.includes("read:accounts");
  return false;
}

/** True when every scope in `requested` is within `allowed` (an app's registered scopes). */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((scope) => allowed.includes(scope) || scopeAllows(allowed, scope));
}
