// The pure parts of preview cards: which link of a post, what a page says, what oEmbed gives.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseOEmbed, sanitizeEmbedHtml } from "../../src/services/cards/oembed.ts";
import { isEmptyMeta, parsePage } from "../../src/services/cards/parse-page.ts";
import { firstCardLink } from "../../src/services/cards/status-link.ts";

describe("firstCardLink", () => {
  test("skips mentions, hashtags and non-http links; drops the fragment", () => {
    const html =
      '<p><span class="h-card"><a href="https://a.test/@x" class="u-url mention">@x</a></span> ' +
      '<a href="https://a.test/tags/t" class="mention hashtag" rel="tag">#t</a> ' +
      '<a href="https://b.test/tags/u" rel="tag">#u</a> <a href="mailto:x@y">m</a> ' +
      '<a href="https://u:p@c.test/">creds</a> <a href="https://ok.test/a?b=1&amp;c=2#top">ok</a></p>';
    assert.equal(firstCardLink(html), "https://ok.test/a?b=1&c=2");
    assert.equal(firstCardLink("<p>no links</p>"), null);
  });
});

describe("parsePage", () => {
  test("OpenGraph first, then Twitter, then <title> and description", () => {
    const meta = parsePage(
      `<html lang="fr-CA"><head><title>T</title><meta name="twitter:title" content="TW">
       <meta name="description" content="D"><meta name="twitter:image" content="i.png">
       <link rel="alternate" type="application/json+oembed" href="/o.json"></head></html>`,
      "https://site.test/page",
    );
    assert.equal(meta.title, "TW");
    assert.equal(meta.description, "D");
    assert.equal(meta.image, "https://site.test/i.png");
    assert.equal(meta.language, "fr");
    assert.equal(meta.oembedUrl, "https://site.test/o.json");
  });

  test("javascript: images are dropped; an empty page is empty", () => {
    const meta = parsePage(
      `<meta property="og:image" content="javascript:alert(1)"><meta property="og:title" content="x">`,
      "https://s.test/",
    );
    assert.equal(meta.image, null);
    assert.ok(isEmptyMeta(parsePage("<p>hi</p>", "https://s.test/")));
  });
});

describe("oEmbed", () => {
  test("only one https iframe survives, rebuilt", () => {
    assert.equal(sanitizeEmbedHtml('<iframe src="http://x.test/"></iframe>', 1, 1), "");
    assert.equal(sanitizeEmbedHtml('<div><iframe src="https://x.test/"></iframe></div>', 1, 1), "");
    assert.equal(sanitizeEmbedHtml('<iframe src="javascript:alert(1)"></iframe>', 1, 1), "");
    const html = sanitizeEmbedHtml(
      '<iframe src="https://x.test/e?a=1&amp;b=&quot;2" onload="evil()" srcdoc="<b>"></iframe>',
      640,
      360,
    );
    assert.match(
      html,
      /^<iframe src="https:\/\/x\.test\/e\?a=1&amp;b=%222" width="640" height="360"/,
    );
    assert.doesNotMatch(html, /onload|srcdoc/);
  });

  test("photo uses url as its image; unknown types are refused", () => {
    const photo = parseOEmbed({ type: "photo", url: "https://p.test/a.jpg", width: 10, height: 5 });
    assert.equal(photo?.type, "photo");
    assert.equal(photo?.image, "https://p.test/a.jpg");
    assert.equal(parseOEmbed({ type: "script" }), null);
    assert.equal(parseOEmbed("nope"), null);
  });
});
