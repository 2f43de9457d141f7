import assert from "node:assert/strict";
import { test } from "node:test";
import { parseUserRole } from "../../src/domain/roles.ts";
import {
  describeUsernameProblem,
  isReservedUsername,
  USERNAME_MAX_LENGTH,
  usernameProblem,
} from "../../src/domain/usernames.ts";

test("Mastodon's local username shape: letters, digits and underscores", () => {
  for (const ok of ["alice", "Alice_99", "_", "a", "x_", "_x", "a_b_c"])
    assert.equal(usernameProblem(ok), null, ok);
  for (const bad of [
    "a.b",
    "a-b",
    ".a",
    "a.",
    "-a",
    "a-",
    "a b",
    "a@b",
    "a/b",
    "ålice",
    "名前",
    "a+b",
    "@alice",
  ])
    assert.equal(usernameProblem(bad), "invalid", bad);
  assert.equal(usernameProblem(""), "empty");
});

test("at most 30 characters", () => {
  assert.equal(USERNAME_MAX_LENGTH, 30);
  assert.equal(usernameProblem("a".repeat(30)), null);
  assert.equal(usernameProblem("a".repeat(31)), "too-long");
});

test("reserved names, in any case: Mastodon's and our URL space", () => {
  for (const name of [
    "admin",
    "ADMIN",
    "Administrator",
    "support",
    "help",
    "root",
    "webmaster",
    "mod",
    "moderator",
    "postmaster",
    "abuse",
    "api",
    "oauth",
    "ap",
    "system",
    "assets",
    "health",
    "nodeinfo",
    "settings",
    "about",
    "explore",
    "auth",
    "web",
  ]) {
    assert.equal(isReservedUsername(name), true, name);
    assert.equal(usernameProblem(name), "reserved", name);
  }
  for (const name of ["alice", "admins_club", "apple", "helpful", "rooted"])
    assert.equal(isReservedUsername(name), false, name);
});

test("problems are described in one line naming the username", () => {
  assert.equal(describeUsernameProblem("", "empty"), "username cannot be empty");
  assert.match(describeUsernameProblem("admin", "reserved"), /^username "admin" is reserved$/);
  assert.match(describeUsernameProblem("a b", "invalid"), /^username "a b" may contain only/);
  assert.match(describeUsernameProblem("x", "too-long"), /longer than 30 characters/);
});

test("roles: case-insensitive input, canonical output", () => {
  assert.equal(parseUserRole("owner"), "Owner");
  assert.equal(parseUserRole("ADMIN"), "Admin");
  assert.equal(parseUserRole(" Moderator "), "Moderator");
  for (const bad of ["", "user", "admins", "superuser"]) assert.equal(parseUserRole(bad), null);
});
