// Post length as Mastodon counts it (StatusLengthValidator): every link counts as 23
// characters, a remote mention counts only its `@user` part, and characters are grapheme
// clusters (an emoji with skin tone or a family emoji is one).
import { tokenize } from "./tokenize.ts";

export const CHARACTERS_RESERVED_PER_URL = 23;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function countCharacters(text: string): number {
  let count = 0;
  for (const token of tokenize(text)) {
    if (token.type === "url") count += CHARACTERS_RESERVED_PER_URL;
    else if (token.type === "mention") count += graphemeLength(`@${token.username}`);
    else count += graphemeLength(token.value);
  }
  return count;
}
