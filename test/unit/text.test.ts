// Post text as Mastodon reads it: what is a link, a mention, a hashtag; how long it is; what
// HTML it becomes. Cases include the ones that break naive parsers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countCharacters } from "../../src/domain/text/count.ts";
import { mentionKey, renderText } from "../../src/domain/text/render.ts";
import { tokenize } from "../../src/domain/text/tokenize.ts";

const kinds = (text: string) =>
  tokenize(text)
    .filter((t) => t.type !== "text")
    .map((t) => `${t.type}:${t.value}`);

describe("tokenize", () => {
  test("mentions, local and remote, but not email addresses or URLs", () => {
    assert.deepEqual(kinds("hi @alice and @Bob@Example.social!"), [
      "mention:@alice",
      "mention:@Bob@Example.social",
    ]);
    const remote = tokenize("@bob@example.social").find((t) => t.type === "mention");
    assert.deepEqual(remote, {
      type: "mention",
      value: "@bob@example.social",
      username: "bob",
      domain: "example.social",
    });
    assert.deepEqual(kinds("mail me: me@example.com"), []);
    assert.deepEqual(kinds("see https://example.com/@alice"), ["url:https://example.com/@alice"]);
    assert.deepEqual(kinds("a=@b c/@d"), []);
    assert.deepEqual(kinds("(@alice)"), ["mention:@alice"]);
    assert.deepEqual(kinds("@al.ice."), ["mention:@al.ice"]);
  });

  test("hashtags need a letter and may be Unicode", () => {
    assert.deepEqual(kinds("#fediverse #1 #2024 #日本語 #café_au_lait"), [
      "hashtag:#fediverse",
      "hashtag:#日本語",
      "hashtag:#café_au_lait",
    ]);
    assert.deepEqual(kinds("issue#12 &#39; x/#y"), []);
    assert.deepEqual(kinds("#a·b·"), ["hashtag:#a·b"]);
  });

  test("links lose trailing punctuation but keep balanced parentheses", () => {
    assert.deepEqual(kinds("read https://example.com/a."), ["url:https://example.com/a"]);
    assert.deepEqual(kinds("(see https://example.com/a)"), ["url:https://example.com/a"]);
    assert.deepEqual(kinds("https://en.wikipedia.org/wiki/Fire_(element), ok?"), [
      "url:https://en.wikipedia.org/wiki/Fire_(element)",
    ]);
    assert.deepEqual(kinds("https://example.com/#tag"), ["url:https://example.com/#tag"]);
    assert.deepEqual(kinds("ftp://example.com javascript:alert(1)"), []);
  });

  test("the pieces put back together are the text", () => {
    const text = "Hi @alice, see https://x.example/a?b=c. #tag!\n@bob@y.example";
    assert.equal(
      tokenize(text)
        .map((t) => t.value)
        .join(""),
      text,
    );
  });
});

describe("countCharacters", () => {
  test("links count 23, remote mentions count their user part, graphemes count once", () => {
    assert.equal(countCharacters("hello"), 5);
    assert.equal(countCharacters(`https://example.com/${"a".repeat(200)}`), 23);
    assert.equal(countCharacters("@bob@a-very-long-domain.example"), 4);
    assert.equal(countCharacters("👩‍👩‍👧‍👦👍🏽"), 2);
    assert.equal(countCharacters("é"), 1);
    assert.equal(countCharacters("e\u0301"), 1);
  });
});

describe("renderText", () => {
  const options = {
    baseUrl: "https://hearth.example",
    mentions: new Map([
      [mentionKey("alice", null), { url: "https://hearth.example/@alice", username: "alice" }],
      [
        mentionKey("bob", "remote.example"),
        { url: "https://remote.example/@bob", username: "bob" },
      ],
    ]),
  };

  test("escapes HTML and keeps paragraphs and line breaks", () => {
    assert.equal(
      renderText("<b>hi</b> & 'you'\nnext\n\n\nnew para", options),
      "<p>&lt;b&gt;hi&lt;/b&gt; &amp; &#39;you&#39;<br />next</p><p>new para</p>",
    );
    assert.equal(renderText("  \n ", options), "");
  });

  test("links are shortened for display as Mastodon does", () => {
    assert.equal(
      renderText("https://www.example.com/a/very/long/path/that/goes/on", options),
      '<p><a href="https://www.example.com/a/very/long/path/that/goes/on" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/t</span><span class="invisible">hat/goes/on</span></a></p>',
    );
    assert.match(
      renderText("https://x.example", options),
      /<span class="">x\.example<\/span><span class="invisible"><\/span>/,
    );
  });

  test("known mentions become h-cards; unknown ones stay text", () => {
    assert.equal(
      renderText("@Alice @bob@Remote.Example @nobody", options),
      '<p><span class="h-card" translate="no"><a href="https://hearth.example/@alice" class="u-url mention">@<span>alice</span></a></span> <span class="h-card" translate="no"><a href="https://remote.example/@bob" class="u-url mention">@<span>bob</span></a></span> @nobody</p>',
    );
  });

  test("hashtags link to the tag page", () => {
    assert.equal(
      renderText("#Café", options),
      '<p><a href="https://hearth.example/tags/Caf%C3%A9" class="mention hashtag" rel="tag">#<span>Café</span></a></p>',
    );
  });

  test("a link cannot break out of its attribute", () => {
    const html = renderText('https://x.example/"onmouseover="alert(1)', options);
    assert.doesNotMatch(html, /" onmouseover/);
    assert.doesNotMatch(html, /<script/);
  });
});
