// Staff permissions as Mastodon's UserRole::FLAGS (app/models/user_role.rb). The bit values
// are part of the client API: CredentialAccount.role.permissions is the decimal bitmask, and
// clients (Phanpy, Elk, the Mastodon web app) test these bits to show admin tools.
// Source: https://docs.joinmastodon.org/entities/Role/#permission-flags (bits 0–19) and
// Mastodon's user_role.rb (view_feeds 1<<20, invite_bypass_approval 1<<21, added in 4.4/4.5).
// The built-in roles follow Mastodon's config/roles.yml; ids follow its seeds (the docs'
// example has Owner as "3"), and -99 is Mastodon's id for the "everyone" role.
import type { UserRole } from "./roles.ts";

export const PERMISSIONS = Object.freeze({
  administrator: 1 << 0,
  view_devops: 1 << 1,
  view_audit_log: 1 << 2,
  view_dashboard: 1 << 3,
  manage_reports: 1 << 4,
  manage_federation: 1 << 5,
  manage_settings: 1 << 6,
  manage_blocks: 1 << 7,
  manage_taxonomies: 1 << 8,
  manage_appeals: 1 << 9,
  manage_users: 1 << 10,
  manage_invites: 1 << 11,
  manage_rules: 1 << 12,
  manage_announcements: 1 << 13,
  manage_custom_emojis: 1 << 14,
  manage_webhooks: 1 << 15,
  invite_users: 1 << 16,
  manage_roles: 1 << 17,
  manage_user_access: 1 << 18,
  delete_user_data: 1 << 19,
  view_feeds: 1 << 20,
  invite_bypass_approval: 1 << 21,
});

export type Permission = keyof typeof PERMISSIONS;

/** Every flag; an administrator has them all whatever its own bits say (as Mastodon). */
export const ALL_PERMISSIONS: number = Object.values(PERMISSIONS).reduce((a, b) => a | b, 0);

const bits = (...names: Permission[]) => names.reduce((mask, n) => mask | PERMISSIONS[n], 0);

export interface RoleDefinition {
  id: string;
  /** "" for the everyone role, which has no name. */
  name: string;
  /** Hex colour or "" (none). */
  color: string;
  /** The role's own bits, before the everyone role's are added. */
  permissions: number;
  /** Shown publicly as a badge on the profile (Account.roles). */
  highlighted: boolean;
}

/** What every user may do; Mastodon's default lets anyone invite (when invites are open). */
export const EVERYONE_ROLE: RoleDefinition = Object.freeze({
  id: "-99",
  name: "",
  color: "",
  permissions: bits("invite_users"),
  highlighted: false,
});

const MODERATOR = bits(
  "view_dashboard",
  "view_audit_log",
  "view_feeds",
  "manage_users",
  "manage_reports",
  "manage_taxonomies",
);

export const STAFF_ROLES: Readonly<Record<UserRole, RoleDefinition>> = Object.freeze({
  Moderator: { id: "1", name: "Moderator", color: "", permissions: MODERATOR, highlighted: true },
  Admin: {
    id: "2",
    name: "Admin",
    color: "",
    permissions:
      MODERATOR |
      bits(
        "manage_user_access",
        "delete_user_data",
        "manage_federation",
        "manage_settings",
        "manage_blocks",
        "manage_appeals",
        "manage_rules",
        "manage_invites",
        "invite_users",
        "manage_announcements",
        "manage_custom_emojis",
        "manage_webhooks",
        "manage_roles",
      ),
    highlighted: true,
  },
  Owner: {
    id: "3",
    name: "Owner",
    color: "",
    permissions: bits("administrator"),
    highlighted: true,
  },
});

/** The role of a user (users.role; null is an ordinary user, who has the everyone role). */
export function roleOf(role: string | null): RoleDefinition {
  if (role === null) return EVERYONE_ROLE;
  return (STAFF_ROLES as Record<string, RoleDefinition>)[role] ?? EVERYONE_ROLE;
}

/** Mastodon's computed_permissions: the role's bits plus everyone's; all for administrators. */
export function computedPermissions(role: RoleDefinition): number {
  if (role === EVERYONE_ROLE) return role.permissions;
  const own = role.permissions | EVERYONE_ROLE.permissions;
  return (own & PERMISSIONS.administrator) !== 0 ? ALL_PERMISSIONS : own;
}

/** True when the user's role grants any one of `permissions`. */
export function can(role: string | null, ...permissions: Permission[]): boolean {
  const mask = computedPermissions(roleOf(role));
  return permissions.some((p) => (mask & PERMISSIONS[p]) !== 0);
}
