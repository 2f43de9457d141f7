// CustomEmoji — https://docs.joinmastodon.org/entities/CustomEmoji/
// A pure function of a custom_emojis row and the storage's URL maker.
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import type { CustomEmoji } from "./account.ts";

export function toCustomEmoji(row: EmojiRow, mediaUrl: (key: string) => string): CustomEmoji {
  return {
    shortcode: row.shortcode,
    // Remote emoji are linked where their server keeps them (federation, 0025).
    url: row.image_remote_url ?? mediaUrl(row.image_key),
    static_url: row.image_remote_url ?? mediaUrl(row.static_key),
    visible_in_picker: Boolean(row.visible_in_picker),
    category: row.category,
  };
}
