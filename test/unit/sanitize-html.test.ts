// The allow-list sanitizer for HTML from other servers (domain/text/sanitize-html.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { htmlToText, sanitizeHtml } from "../../src/domain/text/sanitize-html.ts";

test("Mastodon's markup passes: paragraphs, mentions, hashtags, links", () => {
  const html =
    '<p><span class="h-card"><a href="https://a.example/@x" class="u-url mention">@<span>x</span></a></span> hi <a href="https://a.example/tags/t" class="mention hashtag" rel="tag">#<span>t</span></a><br>line</p>';
  assert.equal(
    sanitizeHtml(html),
    '<p><span class="h-card"><a href="https://a.example/@x" class="u-url mention" rel="nofollow noopener noreferrer" target="_blank">@<span>x</span></a></span> hi <a href="https://a.example/tags/t" class="mention hashtag" rel="tag" target="_blank">#<span>t</span></a><br>line</p>',
  );
});

test("scripts, styles, event handlers and unknown elements do not survive", () => {
  assert.equal(sanitizeHtml("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
  assert.equal(sanitizeHtml("<style>p{}</style><p>x</p>"), "<p>x</p>");
  assert.equal(sanitizeHtml('<p onclick="x()" style="color:red">x</p>'), "<p>x</p>");
  assert.equal(sanitizeHtml('<div><img src="x" onerror="y()">t</div>'), "t");
  assert.equal(sanitizeHtml('<span class="evil h-card">x</span>'), '<span class="h-card">x</span>');
  assert.equal(sanitizeHtml("<iframe src=x><p>in</p></iframe>after"), "after");
});

test("links keep safe schemes only", () => {
  // Any other scheme, a leading space or a relative link: the link becomes its text.
  for (const href of [
    "javascript:alert(1)",
    "JaVaScRiPt:x",
    "java\tscript:x",
    "&#106;avascript:x",
    "data:text/html,x",
    "vbscript:x",
    " https://x.example",
    "/relative",
  ])
    assert.equal(sanitizeHtml(`<p><a href="${href}">x</a></p>`), "<p>x</p>", href);
  assert.equal(
    sanitizeHtml('<a href="gemini://g.example/">x</a>'),
    '<a href="gemini://g.example/" rel="nofollow noopener noreferrer" target="_blank">x</a>',
  );
});

test("headings become bold paragraphs; output is always closed; stray brackets escaped", () => {
  assert.equal(sanitizeHtml("<h1>T</h1>"), "<p><strong>T</strong></p>");
  assert.equal(sanitizeHtml("<p><em>open"), "<p><em>open</em></p>");
  assert.equal(sanitizeHtml("a < b > c & d"), "a &lt; b &gt; c &amp; d");
  // Unbalanced quotes: the bracket is text, and the script still goes.
  assert.equal(sanitizeHtml('<a href="x" "<script>y'), '&lt;a href="x" "');
  assert.equal(sanitizeHtml("</p>x"), "x");
});

test("lang anywhere, translate only as no, ruby kept", () => {
  assert.equal(
    sanitizeHtml(
      '<p lang="de" translate="yes"><span translate="no">x</span><ruby>漢<rt>kan</rt></ruby></p>',
    ),
    '<p lang="de"><span translate="no">x</span><ruby>漢<rt>kan</rt></ruby></p>',
  );
  assert.equal(sanitizeHtml('<p lang="x y">a</p>'), "<p>a</p>");
});

test("htmlToText keeps the words", () => {
  assert.equal(htmlToText("Alice <b>Remote</b> &amp; co"), "Alice Remote & co");
});
