// The contexts our document loader narrows before Fedify reads a fetched document.
import assert from "node:assert/strict";
import { test } from "node:test";
import { narrowContexts } from "../../src/federation/context-quirks.ts";

const AS = "https://www.w3.org/ns/activitystreams";

test("a Mastodon-style actor, declaring what it uses, is left as it is", () => {
  const doc = {
    "@context": [AS, { manuallyApprovesFollowers: "as:manuallyApprovesFollowers" }],
    type: "Person",
    manuallyApprovesFollowers: true,
  };
  assert.equal(narrowContexts(doc), doc);
  assert.equal(narrowContexts("not a document"), "not a document");
});

test("schema.org after ActivityStreams keeps only Mastodon's two schema.org terms", () => {
  const narrowed = narrowContexts({
    "@context": [AS, "http://schema.org"],
    type: "Person",
  }) as { "@context": unknown[] };
  assert.equal(narrowed["@context"][0], AS);
  assert.deepEqual(narrowed["@context"][1], {
    schema: "http://schema.org#",
    PropertyValue: "schema:PropertyValue",
    value: "schema:value",
  });
  assert.equal(narrowed["@context"].length, 2);
});

test("an undeclared manuallyApprovesFollowers gets Mastodon's declaration", () => {
  const narrowed = narrowContexts({
    "@context": AS,
    type: "Person",
    manuallyApprovesFollowers: true,
  }) as { "@context": unknown[] };
  assert.deepEqual(narrowed["@context"], [
    AS,
    { manuallyApprovesFollowers: `${AS}#manuallyApprovesFollowers` },
  ]);
});
