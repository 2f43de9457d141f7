// The pure rules of reports and moves: the category a report gets, the comment's length in
// characters, the move cooldown and the addresses the settings pages accept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MOVE_COOLDOWN_MS, nextMoveAllowedAt, normalizeAcct } from "../../src/domain/moves.ts";
import { commentLength, reportCategory, truncateChars } from "../../src/domain/reports.ts";

test("citing rules makes a violation; otherwise the category asked, `other` by default", () => {
  assert.equal(reportCategory("spam", ["1"]), "violation");
  assert.equal(reportCategory(undefined, []), "other");
  assert.equal(reportCategory("", []), "other");
  assert.equal(reportCategory("legal", []), "legal");
  assert.equal(reportCategory("rude", []), null);
});

test("comments count characters, not UTF-16 units", () => {
  assert.equal(commentLength("😀😀"), 2);
  assert.equal(truncateChars("😀😀😀", 2), "😀😀");
  assert.equal(truncateChars("abc", 5), "abc");
});

test("a move waits 30 days after the last", () => {
  assert.equal(nextMoveAllowedAt(null), null);
  const at = "2026-01-01T00:00:00.000Z";
  assert.equal(nextMoveAllowedAt(at)?.getTime(), Date.parse(at) + MOVE_COOLDOWN_MS);
});

test("addresses: @user@domain, user@domain, a local user; nothing else", () => {
  assert.equal(normalizeAcct(" @alice@example.com "), "alice@example.com");
  assert.equal(normalizeAcct("alice@127.0.0.1:8080"), "alice@127.0.0.1:8080");
  assert.equal(normalizeAcct("bob"), "bob");
  for (const bad of ["", "@", "@@", "a b@example.com", "alice@exa mple.com", "alice@x@y"])
    assert.equal(normalizeAcct(bad), null, bad);
});
