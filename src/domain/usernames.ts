// Local usernames: which names people may take. Pure rules, no I/O.
//
// Local names follow Mastodon's rule for local accounts: letters, digits and underscores.
// Remote names may also hold dots and dashes inside (Misskey, Pleroma); that wider shape is for
// parsing mentions, not for sign-ups here: a dot in `/@a.b` reads like a format suffix in URLs,
// and some clients' mention parsers stop at it.

export const USERNAME_MAX_LENGTH = 30;

const USERNAME_RE = /^[a-z0-9_]+$/i;

/**
 * Names nobody may sign up with. Mastodon's default list (db/seeds/05_blocks.rb: names that
 * look like the server speaking), plus `postmaster`, and the first path segments of our own
 * URLs, so that no account looks like a page or endpoint of this server.
 */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  // Mastodon
  "abuse",
  "account",
  "accounts",
  "admin",
  "administration",
  "administrator",
  "admins",
  "help",
  "helpdesk",
  "instance",
  "mod",
  "moderator",
  "moderators",
  "mods",
  "owner",
  "root",
  "security",
  "server",
  "staff",
  "support",
  "webmaster",
  "postmaster",
  // Our URL space and well-known names
  "about",
  "ap",
  "api",
  "assets",
  "auth",
  "explore",
  "health",
  "hearth",
  "nodeinfo",
  "oauth",
  "settings",
  "system",
  "web",
]);

export type UsernameProblem = "empty" | "too-long" | "invalid" | "reserved";

/** Why `username` cannot be a new local account's name, or null when it can. */
export function usernameProblem(username: string): UsernameProblem | null {
  if (username === "") return "empty";
  if (username.length > USERNAME_MAX_LENGTH) return "too-long";
  if (!USERNAME_RE.test(username)) return "invalid";
  if (isReservedUsername(username)) return "reserved";
  return null;
}

/** Reserved names are compared without case, as usernames are unique without case. */
export function isReservedUsername(username: string): boolean {
  return RESERVED_USERNAMES.has(username.toLowerCase());
}

export function describeUsernameProblem(username: string, problem: UsernameProblem): string {
  switch (problem) {
    case "empty":
      return "username cannot be empty";
    case "too-long":
      return `username "${username}" is longer than ${USERNAME_MAX_LENGTH} characters`;
    case "invalid":
      return `username "${username}" may contain only letters, digits and underscores`;
    case "reserved":
      return `username "${username}" is reserved`;
  }
}
