import assert from "node:assert/strict";
import { test } from "node:test";
import { toAccountRoles, toRole } from "../../src/api/entities/role.ts";
import {
  ALL_PERMISSIONS,
  can,
  computedPermissions,
  EVERYONE_ROLE,
  PERMISSIONS,
  roleOf,
  STAFF_ROLES,
} from "../../src/domain/permissions.ts";

test("flag values are Mastodon's UserRole::FLAGS", () => {
  assert.equal(PERMISSIONS.administrator, 0x1);
  assert.equal(PERMISSIONS.view_devops, 0x2);
  assert.equal(PERMISSIONS.manage_reports, 0x10);
  assert.equal(PERMISSIONS.manage_users, 0x400);
  assert.equal(PERMISSIONS.invite_users, 0x10000);
  assert.equal(PERMISSIONS.delete_user_data, 0x80000);
  assert.equal(PERMISSIONS.view_feeds, 1 << 20);
  assert.equal(ALL_PERMISSIONS, (1 << 22) - 1);
});

test("an owner has every permission; an ordinary user only everyone's", () => {
  assert.equal(computedPermissions(roleOf("Owner")), ALL_PERMISSIONS);
  assert.equal(computedPermissions(roleOf(null)), PERMISSIONS.invite_users);
  assert.equal(roleOf(null), EVERYONE_ROLE);
  assert.equal(roleOf("nonsense"), EVERYONE_ROLE);
  assert.ok(can("Owner", "manage_settings"));
  assert.ok(can("Admin", "manage_settings"));
  assert.ok(!can("Admin", "administrator"));
  assert.ok(can("Moderator", "manage_reports", "manage_settings"));
  assert.ok(!can("Moderator", "manage_settings"));
  assert.ok(!can(null, "manage_users"));
  // Staff also get what everyone may do.
  assert.ok(can("Moderator", "invite_users"));
});

test("the Role entity carries the computed bitmask as a decimal string", () => {
  const owner = toRole(STAFF_ROLES.Owner);
  assert.deepEqual(owner, {
    id: "3",
    name: "Owner",
    color: "",
    permissions: String(ALL_PERMISSIONS),
    highlighted: true,
  });
  const user = toRole(EVERYONE_ROLE);
  assert.equal(user.permissions, "65536");
  assert.equal(user.highlighted, false);
  const moderator = BigInt(toRole(STAFF_ROLES.Moderator).permissions);
  assert.equal(moderator & BigInt(PERMISSIONS.manage_reports), BigInt(PERMISSIONS.manage_reports));
  assert.equal(moderator & BigInt(PERMISSIONS.manage_settings), 0n);
});

test("only highlighted roles show on a profile", () => {
  assert.deepEqual(toAccountRoles(STAFF_ROLES.Admin), [{ id: "2", name: "Admin", color: "" }]);
  assert.deepEqual(toAccountRoles(EVERYONE_ROLE), []);
});
