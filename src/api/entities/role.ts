// Role — https://docs.joinmastodon.org/entities/Role/ (CredentialAccount.role), and the short
// form in Account.roles ({id, name, color}, highlighted roles only).
import { computedPermissions, type RoleDefinition } from "../../domain/permissions.ts";

export interface Role {
  id: string;
  name: string;
  color: string;
  /** Decimal bitmask of Mastodon's computed permissions (everyone's bits included). */
  permissions: string;
  highlighted: boolean;
}

export interface AccountRole {
  id: string;
  name: string;
  color: string;
}

export function toRole(role: RoleDefinition): Role {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    permissions: String(computedPermissions(role)),
    highlighted: role.highlighted,
  };
}

/** What a profile shows publicly: the role if it is highlighted, else nothing. */
export function toAccountRoles(role: RoleDefinition): AccountRole[] {
  return role.highlighted ? [{ id: role.id, name: role.name, color: role.color }] : [];
}
