// @mention, #hashtag and :emoji: suggestions for the word being typed at the caret: accounts
// and hashtags from the search API (no remote lookups while typing), emoji from the server's
// list. Only the newest query's answer is shown.
import { api } from "../../api/client.ts";
import type { Account, Tag } from "../../api/types.ts";
import { customEmojis } from "./emoji-picker.tsx";

export interface Suggestion {
  /** What replaces the typed word (followed by a space). */
  insert: string;
  label: string;
  detail?: string;
  image?: string;
}

/** The word at the caret if it is a mention, hashtag or emoji being typed. */
export function tokenAt(text: string, caret: number): { start: number; word: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[\s(])([@#:][\p{L}\p{N}_.@-]*)$/u.exec(before);
  if (match === null) return null;
  const word = match[1]!;
  const minimum = word.startsWith(":") ? 3 : 2;
  if (word.length < minimum) return null;
  return { start: caret - word.length, word };
}

export async function suggest(word: string, signal: AbortSignal): Promise<Suggestion[]> {
  const sigil = word[0];
  const q = word.slice(1);
  if (sigil === ":") {
    const emojis = await customEmojis();
    return emojis
      .filter((e) => e.shortcode.toLowerCase().startsWith(q.toLowerCase()))
      .slice(0, 8)
      .map((e) => ({ insert: `:${e.shortcode}:`, label: `:${e.shortcode}:`, image: e.static_url }));
  }
  const type = sigil === "@" ? "accounts" : "hashtags";
  const result = await api.get<{ accounts: Account[]; hashtags: Tag[] }>(
    "/api/v2/search",
    { q, type, limit: 5, resolve: false },
    signal,
  );
  if (sigil === "@") {
    return result.accounts.map((a) => ({
      insert: `@${a.acct}`,
      label: a.display_name || a.username,
      detail: `@${a.acct}`,
      image: a.avatar_static,
    }));
  }
  return result.hashtags.map((tag) => ({ insert: `#${tag.name}`, label: `#${tag.name}` }));
}
