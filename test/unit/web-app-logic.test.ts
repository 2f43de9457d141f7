// The web app's pure rules, run by Node straight from web/src: the character count the
// composer shows (and must agree with the server's limit), the Link header pagination, the
// streaming reconnect backoff, and the router's patterns.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLinkHeader, query } from "../../web/src/api/client.ts";
import { countCharacters } from "../../web/src/components/compose/count.ts";
import { backoffDelay } from "../../web/src/streaming/connection.ts";

test("the composer counts characters as the server does", () => {
  assert.equal(countCharacters("hello"), 5);
  // Grapheme clusters, not UTF-16 units: an emoji with a skin tone is one character.
  assert.equal(countCharacters("👋🏽"), 1);
  assert.equal(countCharacters("e\u0301"), 1);
  assert.equal(countCharacters("🙂"), 1);
  // Every URL counts as 23, however long.
  assert.equal(countCharacters(`see https://example.com/${"a".repeat(200)}`), 4 + 23);
  // A remote mention counts as its local part.
  assert.equal(countCharacters("@carol@remote.example hi"), "@carol hi".length);
  assert.equal(
    countCharacters("mail me: x@carol@remote.example"),
    "mail me: x@carol@remote.example".length,
  );
});

test("Link headers give the next and previous pages", () => {
  const links = parseLinkHeader(
    '<https://h.test/api/v1/timelines/home?max_id=5>; rel="next", <https://h.test/api/v1/timelines/home?min_id=9>; rel="prev"',
  );
  assert.equal(links.next, "https://h.test/api/v1/timelines/home?max_id=5");
  assert.equal(links.prev, "https://h.test/api/v1/timelines/home?min_id=9");
  assert.deepEqual(parseLinkHeader(null), {});
  assert.equal(query({ a: 1, b: undefined, c: null, d: ["x", "y"] }), "?a=1&d%5B%5D=x&d%5B%5D=y");
  assert.equal(query({}), "");
});

test("reconnecting backs off exponentially up to 30 seconds, with jitter", () => {
  assert.equal(backoffDelay(0, 1), 1000);
  assert.equal(backoffDelay(1, 1), 2000);
  assert.equal(backoffDelay(3, 1), 8000);
  assert.equal(backoffDelay(10, 1), 30_000);
  assert.equal(backoffDelay(40, 1), 30_000);
  assert.equal(backoffDelay(0, 0), 500);
  assert.equal(backoffDelay(10, 0), 15_000);
});
