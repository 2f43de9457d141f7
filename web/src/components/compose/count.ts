// Characters as the server counts them (Mastodon's StatusLengthValidator, the server's
// domain/text/count.ts): every URL counts as 23, a remote mention `@user@domain` as `@user`,
// and characters are grapheme clusters (an emoji with a skin tone is one).
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const REMOTE_MENTION = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function countCharacters(text: string, reservedPerUrl = 23): number {
  const shortened = text
    .replace(URL_PATTERN, "x".repeat(reservedPerUrl))
    .replace(REMOTE_MENTION, "$1@$2");
  return graphemeLength(shortened);
}
