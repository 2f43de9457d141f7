import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRange } from "../../src/media/routes.ts";

test("byte ranges: single ranges are read, the rest serves the whole file or is refused", () => {
  assert.deepEqual(parseRange("bytes=0-9", 100), [0, 9]);
  assert.deepEqual(parseRange("bytes=90-", 100), [90, 99]);
  assert.deepEqual(parseRange("bytes=95-200", 100), [95, 99]);
  assert.deepEqual(parseRange("bytes=-10", 100), [90, 99]);
  assert.equal(parseRange("bytes=100-", 100), null);
  assert.equal(parseRange("bytes=5-1", 100), null);
  assert.equal(parseRange("bytes=0-1,5-6", 100), undefined);
  assert.equal(parseRange("items=0-1", 100), undefined);
  assert.equal(parseRange("bytes=-", 100), undefined);
});
