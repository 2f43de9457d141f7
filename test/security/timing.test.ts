// Security catalogue (shared/research/security.md §5), O2: secrets compared in JavaScript go
// through lib/tokens.ts safeEqual, which uses crypto.timingSafeEqual on equal-length buffers
// and decides a length mismatch on the lengths alone, never on the secret's content.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { afterEach, mock, test } from "node:test";
import { hashToken, randomToken, safeEqual } from "../../src/lib/tokens.ts";

afterEach(() => {
  mock.restoreAll();
  syncBuiltinESMExports();
});

/** Counts crypto.timingSafeEqual calls (the named import in lib/tokens.ts is a live binding). */
function spyTimingSafeEqual() {
  const spy = mock.method(crypto, "timingSafeEqual");
  syncBuiltinESMExports();
  return spy;
}

test("O2: safeEqual accepts equal strings and rejects equal-length different ones, in constant time", () => {
  const spy = spyTimingSafeEqual();
  const secret = randomToken();
  assert.equal(safeEqual(secret, `${secret}`), true);
  // Differing only in the first, or only in the last, character.
  const first = `${secret[0] === "a" ? "b" : "a"}${secret.slice(1)}`;
  const last = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
  assert.equal(safeEqual(secret, first), false);
  assert.equal(safeEqual(secret, last), false);
  assert.equal(safeEqual("", ""), true);
  // Every equal-length comparison went through timingSafeEqual.
  assert.equal(spy.mock.callCount(), 4);
});

test("O2: safeEqual rejects different lengths without comparing the content", () => {
  const spy = spyTimingSafeEqual();
  const secret = randomToken();
  assert.equal(safeEqual(secret, secret.slice(0, -1)), false);
  assert.equal(safeEqual(secret, `${secret}x`), false);
  assert.equal(safeEqual(secret, ""), false);
  assert.equal(safeEqual("", secret), false);
  // A prefix of the secret does no better than anything else of a wrong length.
  assert.equal(safeEqual(secret, secret.slice(0, 10)), safeEqual(secret, "0123456789"));
  // Multi-byte characters: equal in UTF-16 length but not in bytes is unequal, not a throw.
  assert.equal(safeEqual("é", "e"), false);
  assert.equal(safeEqual("ab", "é"), false);
  assert.equal(spy.mock.callCount(), 1, "only the equal-byte-length pair reaches timingSafeEqual");
});

test("O2: stored forms are SHA-256: 64 hex digits, the same for the same token", () => {
  const token = randomToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(hashToken(token), /^[0-9a-f]{64}$/);
  assert.equal(hashToken(token), crypto.createHash("sha256").update(token).digest("hex"));
  assert.notEqual(hashToken(token), hashToken(randomToken()));
});
