// Which link of a post gets a preview card: the first http(s) link that is not a mention or a
// hashtag (Mastodon's FetchLinkCardService skips `a.mention` and `a.hashtag`, and rel=tag).
// Read from the rendered content with an HTML parser, so local and remote posts agree.
import { Parser } from "htmlparser2";

export function firstCardLink(contentHtml: string): string | null {
  // Cheap refusal for the common case (no link at all): hydration calls this for every row.
  if (!contentHtml.includes("href")) return null;
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (found !== null || name !== "a") return;
        const classes = (attrs.class ?? "").split(/\s+/);
        if (classes.includes("mention") || classes.includes("hashtag")) return;
        if ((attrs.rel ?? "").split(/\s+/).includes("tag")) return;
        const href = attrs.href ?? "";
        let url: URL;
        try {
          url = new URL(href);
        } catch {
          return;
        }
        if (url.protocol !== "http:" && url.protocol !== "https:") return;
        if (url.username !== "" || url.password !== "") return;
        url.hash = "";
        found = url.toString();
      },
    },
    { decodeEntities: true },
  );
  parser.write(contentHtml);
  parser.end();
  return found;
}

const ANCHOR = /<a\s[^>]*>/gi;
const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`, "i");
const CLASS = ATTRIBUTE("class");
const REL = ATTRIBUTE("rel");
const words = (tag: string, attribute: RegExp) =>
  (tag.match(attribute)?.[1] ?? "''").slice(1, -1).split(/\s+/);

/**
 * Whether the HTML may hold a card link, without parsing it (hydration asks this of every
 * status it shows; the card itself is read from status_cards). Never false when
 * firstCardLink() finds a link; true for any anchor it cannot tell is a mention or a hashtag.
 */
export function mayHaveCardLink(contentHtml: string): boolean {
  if (!contentHtml.includes("href")) return false;
  for (const [tag] of contentHtml.matchAll(ANCHOR)) {
    const classes = words(tag, CLASS);
    if (classes.includes("mention") || classes.includes("hashtag")) continue;
    if (words(tag, REL).includes("tag")) continue;
    return true;
  }
  return false;
}
