// Which strings name a hashtag, and the key spellings share (domain/tags.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { isValidTagName, normalizeTagName } from "../../src/domain/tags.ts";

test("valid names are what a post would make a hashtag of", () => {
  for (const name of ["cats", "Café", "_under", "x1", "日本語", "mid·dot", "ｃａｔ"])
    assert.ok(isValidTagName(name), name);
  for (const name of ["", "123", "#cats", "foo-bar", "a b", "cats.", "dot·", "a".repeat(501)])
    assert.ok(!isValidTagName(name), name);
});

test("normalized names ignore case and Unicode width, as posts store them", () => {
  assert.equal(normalizeTagName("CAFÉ"), "café");
  assert.equal(normalizeTagName("ｃａｔ"), "cat");
});
