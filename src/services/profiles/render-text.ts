// What a local person types in their profile, made into the HTML that Account.note and
// Account.fields[].value carry, by the same rules as posts (domain/text): escaped text,
// paragraphs, line breaks, shortened links and hashtag links. Mentions in notes stay plain
// text until the posting work resolves them for posts and notes alike.
import { countCharacters as countPostCharacters, graphemeLength } from "../../domain/text/count.ts";
import { renderInline, renderText } from "../../domain/text/render.ts";

export { escapeHtml } from "../../domain/text/render.ts";

/** A note: paragraphs at blank lines, `<br />` at single line breaks. Empty text gives "". */
export function noteToHtml(text: string, baseUrl: string): string {
  return renderText(text, { baseUrl });
}

/** A profile field's value; `rel="me"` lets the linked page verify the profile. */
export function fieldValueToHtml(text: string, baseUrl: string): string {
  return renderInline(text.replace(/\s+/g, " ").trim(), {
    baseUrl,
    linkRel: "me nofollow noopener",
  });
}

/** Characters as Mastodon counts them for limits; with `urlsAsFixed`, each link counts 23. */
export function countCharacters(text: string, urlsAsFixed = false): number {
  return urlsAsFixed ? countPostCharacters(text) : graphemeLength(text);
}
