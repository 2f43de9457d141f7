// The filter matcher (domain/filters.ts): Mastodon's keyword rules — case-insensitive,
// whole words bounded by Unicode word characters, partial matches otherwise — over the
// content warning, text, poll options and media descriptions; status filters by id.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type FilterRules,
  htmlToPlainText,
  keywordRegExp,
  matchFilters,
  searchableText,
} from "../../src/domain/filters.ts";

const kw = (keyword: string, wholeWord = true) => keywordRegExp({ keyword, wholeWord });

test("whole words: not inside a longer word, Unicode letters count as word characters", () => {
  assert.ok(kw("cat").test("A cat sat"));
  assert.ok(kw("cat").test("CAT!"));
  assert.ok(!kw("cat").test("concatenate"));
  assert.ok(!kw("cat").test("cats"));
  assert.ok(kw("café").test("un café noir"));
  assert.ok(!kw("café").test("cafés"));
  assert.ok(!kw("über").test("Drüber"), "ü is a letter, so no boundary before 'über'");
  assert.ok(kw("Straße").test("die straße hier"));
  assert.ok(kw("猫").test("猫"));
  assert.ok(kw("кот").test("Мой КОТ спит"));
  assert.ok(!kw("кот").test("котик"));
  assert.ok(kw("cat_dog").test("a cat_dog b"));
  assert.ok(!kw("cat").test("cat_dog"), "underscore is a word character");
});

test("whole-word keywords starting or ending with punctuation need no boundary there", () => {
  assert.ok(kw("#tag").test("a#tag"), "no boundary needed before '#'");
  assert.ok(!kw("#tag").test("#tagged"));
  assert.ok(kw("c++").test("I like c++."));
  assert.ok(kw("c++").test("c++x"), "no boundary needed after '+'");
});

test("partial keywords match anywhere, case-insensitively; regex characters are literal", () => {
  assert.ok(kw("cat", false).test("conCATenate"));
  assert.ok(kw("a.b", false).test("xa.by"));
  assert.ok(!kw("a.b", false).test("axb"));
  assert.ok(kw("(x|y)", false).test("(x|y)"));
  assert.ok(!kw("(x|y)", false).test("x"));
});

test("searchable text joins CW, text, poll options and media descriptions", () => {
  const text = searchableText({
    spoilerText: "spoiler",
    plainText: "body",
    pollOptions: ["yes", "no"],
    mediaDescriptions: ["a photo", null, ""],
  });
  assert.equal(text, "spoiler\n\nbody\n\nyes\n\nno\n\na photo");
  assert.equal(htmlToPlainText("<p>a &amp; b<br>c</p><p>d</p>"), "a & b\nc\n\nd");
});

test("matchFilters reports the earliest keyword match and the statuses named", () => {
  const rules: FilterRules<string>[] = [
    {
      filter: "words",
      keywords: [
        { keyword: "dog", wholeWord: true },
        { keyword: "Cat", wholeWord: true },
      ],
      statusIds: new Set(),
    },
    { filter: "by id", keywords: [], statusIds: new Set(["10", "99"]) },
    { filter: "other", keywords: [{ keyword: "zebra", wholeWord: false }], statusIds: new Set() },
  ];
  const found = matchFilters(rules, { id: "11", reblogOfId: "10", text: "a cat and a dog" });
  assert.deepEqual(found, [
    { filter: "words", keywordMatches: ["cat"], statusMatches: null },
    { filter: "by id", keywordMatches: null, statusMatches: ["10"] },
  ]);
  assert.deepEqual(matchFilters(rules, { id: "1", reblogOfId: null, text: "nothing" }), []);
});

test("hostile keywords stay literal (escaped, so no catastrophic backtracking)", () => {
  const evil = "(a+)+$";
  assert.equal(kw(evil, false).source, "\\(a\\+\\)\\+\\$");
  assert.ok(!kw(evil, false).test(`${"a".repeat(10_000)}!`));
});
