// Which custom emoji texts use, for the `emojis` arrays of Status and Account entities:
// computed from the text at read time, for any number of texts in one query (none when no
// text holds a `:shortcode:`). An emoji belongs to a server: a local text uses local emoji, a
// remote one its own server's (stored by federation), as Mastodon's CustomEmoji.from_text.
import type { AppContext } from "../../context.ts";
import { shortcodesIn } from "../../domain/emoji-shortcodes.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { type EmojiRow, findEnabledEmojis } from "../../repos/custom-emojis.ts";

export interface EmojiSource {
  /** The server the text comes from; null: ours. */
  domain: string | null;
  texts: readonly string[];
}

/** For each source, the emoji it uses in order of first appearance. */
export async function loadEmojis(
  ctx: AppContext,
  sources: readonly EmojiSource[],
): Promise<EmojiRow[][]> {
  const wanted = sources.map((s) => shortcodesIn(...s.texts));
  const shortcodes = [...new Set(wanted.flat())];
  if (shortcodes.length === 0) return sources.map(() => []);
  const domains = [
    ...new Set(sources.filter((_, i) => wanted[i]!.length > 0).map((s) => s.domain)),
  ];
  const rows = await findEnabledEmojis(ctx.db, shortcodes, domains);
  const byKey = new Map(rows.map((r) => [`${r.domain ?? ""} ${r.shortcode}`, r]));
  return sources.map((s, i) =>
    wanted[i]!.flatMap((code) => byKey.get(`${s.domain ?? ""} ${code}`) ?? []),
  );
}

/** The texts of a profile that may hold emoji: display name, note and fields. */
export function accountEmojiSource(account: AccountRow): EmojiSource {
  return {
    domain: account.domain,
    texts: [
      account.display_name,
      account.note,
      ...(account.fields ?? []).flatMap((f) => [f.name, f.value]),
    ],
  };
}
