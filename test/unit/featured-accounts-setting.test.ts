// The featured_accounts setting (the staff picks of follow suggestions): local usernames,
// comma-separated, a leading @ allowed; anything else refused with the offending name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_SETTINGS, parseSetting } from "../../src/domain/instance-settings.ts";

test("featured_accounts takes comma-separated local usernames", () => {
  assert.deepEqual(DEFAULT_SETTINGS.featured_accounts, []);
  assert.deepEqual(parseSetting("featured_accounts", " @alice, bob ,,"), {
    ok: true,
    value: ["alice", "bob"],
  });
  assert.deepEqual(parseSetting("featured_accounts", ""), { ok: true, value: [] });
  for (const bad of ["alice@far.test", "a b", "x".repeat(31)]) {
    const result = parseSetting("featured_accounts", bad);
    assert.equal(result.ok, false, bad);
  }
});
