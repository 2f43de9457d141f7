// Delete a local custom emoji (the operator's `hearth emoji delete`): the row, then its
// files. Posts that used it show the `:shortcode:` text again, as on Mastodon.
import type { AppContext } from "../../context.ts";
import { deleteEmoji, findLocalEmoji } from "../../repos/custom-emojis.ts";
import { EMOJI_LIST_CACHE_KEY } from "./list-emojis.ts";

export async function deleteLocalEmoji(
  ctx: AppContext,
  shortcode: string,
): Promise<{ type: "ok" } | { type: "not-found" }> {
  const emoji = await findLocalEmoji(ctx.db, shortcode);
  if (emoji === undefined) return { type: "not-found" };
  await deleteEmoji(ctx.db, emoji.id);
  for (const key of new Set([emoji.image_key, emoji.static_key])) await ctx.storage.delete(key);
  ctx.cache.delete(EMOJI_LIST_CACHE_KEY);
  return { type: "ok" };
}
