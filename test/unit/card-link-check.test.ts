// mayHaveCardLink() lets hydration skip the card query without parsing HTML: it may say yes
// where firstCardLink() finds nothing (a query for nothing), never no where it finds a link.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sanitizeHtml } from "../../src/domain/text/sanitize-html.ts";
import { firstCardLink, mayHaveCardLink } from "../../src/services/cards/status-link.ts";

const mention =
  '<span class="h-card"><a href="https://a.test/@x" class="u-url mention">@x</a></span>';
const hashtag = '<a href="https://a.test/tags/t" class="mention hashtag" rel="tag">#t</a>';
const relTag = '<a href="https://b.test/tags/u" rel="tag">#u</a>';
const link = '<a href="https://ok.test/a?b=1&amp;c=2#top" rel="nofollow noopener">ok</a>';

test("no: plain text, mentions and hashtags only", () => {
  for (const html of ["<p>no links</p>", `<p>${mention} ${hashtag} ${relTag}</p>`, ""])
    assert.equal(mayHaveCardLink(html), false, html);
});

test("yes whenever firstCardLink finds a link, whatever the markup around it", () => {
  const cases = [
    `<p>${link}</p>`,
    `<p>${mention} ${hashtag} ${link}</p>`,
    `<p><A HREF='https://ok.test/' CLASS='x'>caps</A></p>`,
    `<p><a class="mention-like" href="https://ok.test/">near miss</a></p>`,
    `<p><a href="https://ok.test/" class=mention>unquoted</a></p>`,
    `<p><a data-class="mention" href="https://ok.test/">other attribute</a></p>`,
    `<p><a\nhref="https://ok.test/"\nrel="nofollow">newlines</a></p>`,
    sanitizeHtml(
      `<p>${mention} <a href="https://ok.test/x" title="t" class="mention">x</a> ${link}</p>`,
    ),
  ];
  for (const html of cases) {
    if (firstCardLink(html) === null) continue;
    assert.equal(mayHaveCardLink(html), true, html);
  }
  assert.notEqual(firstCardLink(cases[3] as string), null, "the cases hold real links");
});

test("yes, harmlessly, for anchors that are no card link (a query that finds nothing)", () => {
  const html = '<p><a href="mailto:x@y">m</a></p>';
  assert.equal(firstCardLink(html), null);
  assert.equal(mayHaveCardLink(html), true);
});
