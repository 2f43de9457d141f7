import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createIdGenerator, idForTime, isId, timeOfId } from "../../src/domain/id.ts";
import { fixedClock } from "../../src/lib/clock.ts";

describe("ids", () => {
  test("ids sort by time and increase strictly within one millisecond", () => {
    const clock = fixedClock("2026-01-01T00:00:00.000Z");
    const next = createIdGenerator(() => clock.now());
    const a = next();
    const b = next();
    clock.advance(1);
    const c = next();
    assert.ok(BigInt(a) < BigInt(b) && BigInt(b) < BigInt(c));
    assert.equal(timeOfId(a).toISOString(), "2026-01-01T00:00:00.000Z");
    assert.equal(timeOfId(c).toISOString(), "2026-01-01T00:00:00.001Z");
  });

  test("a clock going backwards still gives increasing ids", () => {
    const clock = fixedClock("2026-01-01T00:00:01.000Z");
    const next = createIdGenerator(() => clock.now());
    const a = next();
    clock.set("2026-01-01T00:00:00.000Z");
    assert.ok(BigInt(next()) > BigInt(a));
  });

  test("ids for a past time (remote posts) land at that time", () => {
    const next = createIdGenerator(() => new Date("2026-01-01T00:00:00.000Z"));
    const old = next(new Date("2020-05-05T05:05:05.005Z"));
    assert.equal(timeOfId(old).toISOString(), "2020-05-05T05:05:05.005Z");
    assert.ok(BigInt(old) >= BigInt(idForTime(new Date("2020-05-05T05:05:05.005Z"))));
  });

  test("ids are decimal strings beyond 2^53, so clients must keep them as strings", () => {
    const id = createIdGenerator(() => new Date("2026-01-01T00:00:00.000Z"))();
    assert.match(id, /^\d{17,19}$/);
    assert.ok(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER));
  });

  test("isId accepts 64-bit decimal ids only", () => {
    assert.ok(isId("1"));
    assert.ok(isId("9223372036854775807"));
    assert.ok(!isId("9223372036854775808"));
    assert.ok(!isId("-1"));
    assert.ok(!isId("12a"));
    assert.ok(!isId(""));
    assert.ok(!isId("1e5"));
  });
});
