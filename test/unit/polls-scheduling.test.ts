// The pure rules of polls and scheduled posts (domain/polls.ts, domain/scheduling.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { isPollExpired, pollError, showsTotals, voteError } from "../../src/domain/polls.ts";
import { parseScheduledAt, utcDay } from "../../src/domain/scheduling.ts";

const base = { options: ["a", "b"], expiresIn: 300, multiple: false, hideTotals: false };

test("pollError counts graphemes and checks options after stripping blanks", () => {
  assert.equal(pollError(base), null);
  assert.equal(pollError({ ...base, options: ["a", " ", "b "] }), null);
  assert.match(pollError({ ...base, options: ["a", " a "] }) ?? "", /duplicate/);
  // A flag is one grapheme of two code points: 50 of them fit.
  assert.equal(pollError({ ...base, options: ["🇫🇷".repeat(50), "b"] }), null);
  assert.match(pollError({ ...base, options: ["🇫🇷".repeat(51), "b"] }) ?? "", /50 characters/);
  assert.match(pollError({ ...base, expiresIn: Number.NaN }) ?? "", /too far/);
});

test("voteError follows VoteValidator's order", () => {
  const check = { expired: false, optionCount: 2, multiple: false, isAuthor: false, previous: [] };
  assert.equal(voteError([1], check), null);
  assert.match(voteError([1], { ...check, expired: true, isAuthor: true }) ?? "", /ended/);
  assert.match(voteError([2], { ...check, isAuthor: true }) ?? "", /does not exist/);
  assert.match(voteError([0], { ...check, isAuthor: true }) ?? "", /own polls/);
  assert.match(voteError([0], { ...check, previous: [1] }) ?? "", /already voted/);
  assert.equal(voteError([0], { ...check, multiple: true, previous: [1] }), null);
  assert.match(voteError([1.5], check) ?? "", /does not exist/);
});

test("expiry and hidden totals", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  assert.equal(isPollExpired({ expiresAt: "2026-01-01T00:00:00.000Z", closedAt: null }, now), true);
  assert.equal(
    isPollExpired({ expiresAt: "2026-01-01T00:00:01.000Z", closedAt: null }, now),
    false,
  );
  assert.equal(isPollExpired({ expiresAt: "2027-01-01T00:00:00.000Z", closedAt: "x" }, now), true);
  assert.equal(showsTotals(true, false), false);
  assert.equal(showsTotals(true, true), true);
});

test("scheduled_at: ISO date-times, UTC without a zone; junk is undefined", () => {
  assert.equal(parseScheduledAt("2026-03-01T10:00:00Z")?.toISOString(), "2026-03-01T10:00:00.000Z");
  assert.equal(parseScheduledAt("2026-03-01T10:00")?.toISOString(), "2026-03-01T10:00:00.000Z");
  assert.equal(
    parseScheduledAt("2026-03-01T10:00:00+02:00")?.toISOString(),
    "2026-03-01T08:00:00.000Z",
  );
  for (const junk of ["tomorrow", "1", "2026-13-45T99:00:00Z", ""])
    assert.equal(parseScheduledAt(junk), undefined, junk);
  assert.deepEqual(utcDay(new Date("2026-03-01T23:59:59Z")), [
    "2026-03-01T00:00:00.000Z",
    "2026-03-02T00:00:00.000Z",
  ]);
});
