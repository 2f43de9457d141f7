// Splits the text people type into plain runs, links, mentions and hashtags, by Mastodon's
// rules, so that counting, rendering and federation agree on what is what.
//   mention: @user or @user@domain, not preceded by a word character, `/` or `=`; the domain
//            may end in a port (`@amy@127.0.0.2:3000`: servers on loopback, as in development)
//   hashtag: #name of letters, digits, `_` (and `·` or ZWNJ inside), with at least one letter
//   link:    http(s):// up to white space, without trailing punctuation or unbalanced `)`

export type TextToken =
  | { type: "text"; value: string }
  | { type: "url"; value: string }
  | { type: "mention"; value: string; username: string; domain: string | null }
  | { type: "hashtag"; value: string; name: string };

const URL = String.raw`https?:\/\/[^\s<>"]+`;
const MENTION = String.raw`(?<![\p{L}\p{N}_\/=@.])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+(?::\d{1,5}(?!\d))?))?`;
const HASHTAG = String.raw`(?<![\p{L}\p{N}_\/=)&#])#([\p{L}\p{N}_][\p{L}\p{N}_·\u200c]*)`;
const PATTERN = new RegExp(`(${URL})|${MENTION}|${HASHTAG}`, "giu");

/** Trims what is usually sentence punctuation after a link, keeping balanced parentheses. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if (".,;:!?'\"*".includes(last)) {
      end--;
      continue;
    }
    if (last === ")") {
      const body = url.slice(0, end);
      const open = (body.match(/\(/g) ?? []).length;
      const close = (body.match(/\)/g) ?? []).length;
      if (close > open) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

/** The tag name without trailing joiners, or null when it has no letter (#1 is not a tag). */
function hashtagName(raw: string): string | null {
  const name = raw.replace(/[·\u200c]+$/u, "");
  return /\p{L}/u.test(name) ? name : null;
}

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let position = 0;
  const pushText = (value: string) => {
    if (value === "") return;
    const last = tokens[tokens.length - 1];
    if (last?.type === "text") last.value += value;
    else tokens.push({ type: "text", value });
  };
  for (const match of text.matchAll(PATTERN)) {
    const start = match.index;
    if (start < position) continue;
    const [whole, url, username, domain, tag] = match;
    if (url !== undefined) {
      const trimmed = trimUrl(url);
      pushText(text.slice(position, start));
      tokens.push({ type: "url", value: trimmed });
      position = start + trimmed.length;
    } else if (username !== undefined) {
      pushText(text.slice(position, start));
      tokens.push({
        type: "mention",
        value: whole,
        username,
        domain: domain?.toLowerCase() ?? null,
      });
      position = start + whole.length;
    } else if (tag !== undefined) {
      const name = hashtagName(tag);
      if (name === null) continue;
      pushText(text.slice(position, start));
      tokens.push({ type: "hashtag", value: `#${name}`, name });
      position = start + name.length + 1;
    }
  }
  pushText(text.slice(position));
  return tokens;
}
