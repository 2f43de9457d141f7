// View all custom emoji — https://docs.joinmastodon.org/methods/custom_emojis/
// The enabled local emoji, cached briefly in the process: every client asks on start-up.
// The CLI runs in a process of its own, so an import shows up here within the TTL.
import type { AppContext } from "../../context.ts";
import { type EmojiRow, findLocalEmojis } from "../../repos/custom-emojis.ts";

export const EMOJI_LIST_CACHE_KEY = "custom-emojis";
/** Mastodon caches the list for three minutes too. */
export const EMOJI_LIST_TTL_MS = 3 * 60 * 1000;

export function listCustomEmojis(ctx: AppContext): Promise<EmojiRow[]> {
  return ctx.cache.get(EMOJI_LIST_CACHE_KEY, EMOJI_LIST_TTL_MS, () =>
    findLocalEmojis(ctx.db, { enabledOnly: true }),
  );
}

/** Every local emoji, disabled ones too, for the operator's `hearth emoji list`. */
export function listAllLocalEmojis(ctx: AppContext): Promise<EmojiRow[]> {
  return findLocalEmojis(ctx.db, { enabledOnly: false });
}
