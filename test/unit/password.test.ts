import assert from "node:assert/strict";
import { scryptSync } from "node:crypto";
import { test } from "node:test";
import {
  currentCost,
  generatePassword,
  hashPassword,
  needsRehash,
  PRODUCTION_COST,
  verifyPassword,
} from "../../src/lib/password.ts";

test("a hash names its algorithm and parameters and verifies its password only", async () => {
  const hash = await hashPassword("correct horse battery", PRODUCTION_COST);
  assert.match(hash, /^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword("correct horse battery", hash), true);
  assert.equal(await verifyPassword("correct horse batterY", hash), false);
  assert.equal(await verifyPassword("", hash), false);
  assert.equal(needsRehash(hash), process.env.NODE_ENV === "test");
});

test("production hashes at N=2^15, r=8, p=3; only NODE_ENV=test lowers the cost", () => {
  const saved = process.env.NODE_ENV;
  try {
    process.env.NODE_ENV = "production";
    assert.deepEqual(currentCost(), { N: 32768, r: 8, p: 3 });
    delete process.env.NODE_ENV;
    assert.deepEqual(currentCost(), { N: 32768, r: 8, p: 3 });
    process.env.NODE_ENV = "test";
    assert.deepEqual(currentCost(), { N: 1024, r: 8, p: 1 });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
});

test("the same password hashes differently each time (fresh salt)", async () => {
  const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword("same password", b), true);
});

test("non-ASCII passwords round-trip", async () => {
  const password = "pässwörd 🔥 密码";
  assert.equal(await verifyPassword(password, await hashPassword(password)), true);
});

test("a hash made with other parameters still verifies and asks to be redone", async () => {
  // The same scheme at a lower cost, as an older release might have stored.
  const hash = await hashPassword("an old password");
  const [, , , , salt] = hash.split("$");
  const key = scryptSync("an old password", Buffer.from(salt!, "base64url"), 32, {
    N: 512,
    r: 8,
    p: 2,
  });
  const old = `scrypt$512$8$2$${salt}$${key.toString("base64url")}`;
  assert.equal(await verifyPassword("an old password", old), true);
  assert.equal(await verifyPassword("a new password", old), false);
  assert.equal(needsRehash(old), true);
});

test("malformed or foreign hashes match nothing and never throw", async () => {
  const good = await hashPassword("password123");
  const [, , , , salt, key] = good.split("$");
  for (const stored of [
    "",
    "password123",
    "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", // bcrypt
    `argon2$32768$8$3$${salt}$${key}`,
    `scrypt$32768$8$3$${salt}`,
    `scrypt$1000$8$3$${salt}$${key}`, // N not a power of two
    `scrypt$${2 ** 24}$8$3$${salt}$${key}`, // would need gigabytes
    `scrypt$32768$0$3$${salt}$${key}`,
    `scrypt$32768$8$99$${salt}$${key}`,
    `scrypt$32768$8$3$$${key}`,
    `scrypt$32768$8$3$${salt}$`,
    `scrypt$32768$8$3$${salt}$${key}$extra`,
    `scrypt$0x8000$8$3$${salt}$${key}`,
  ]) {
    assert.equal(await verifyPassword("password123", stored), false, stored);
    assert.equal(needsRehash(stored), true, stored);
  }
});

test("generated passwords are 128 random bits in hex", () => {
  const seen = new Set(Array.from({ length: 100 }, generatePassword));
  assert.equal(seen.size, 100);
  for (const password of seen) assert.match(password, /^[0-9a-f]{32}$/);
});
