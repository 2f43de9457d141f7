// Staff roles of local users (users.role). null means an ordinary user. Stored with the
// canonical capitalisation below; Mastodon shows these names in `role.name`.

export const USER_ROLES = ["Owner", "Admin", "Moderator"] as const;

export type UserRole = (typeof USER_ROLES)[number];

/** The role named by `text` in any case ("admin" → "Admin"), or null for no such role. */
export function parseUserRole(text: string): UserRole | null {
  const lower = text.trim().toLowerCase();
  return USER_ROLES.find((role) => role.toLowerCase() === lower) ?? null;
}
