// Custom emoji as ActivityStreams `Emoji` tags (Mastodon's toot:Emoji): a profile or post that
// writes `:shortcode:` carries the picture so other servers can show it.
import { Emoji, Image } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import type { EmojiRow } from "../repos/custom-emojis.ts";
import { instant } from "./temporal.ts";

export function toEmojiTag(app: AppContext, emoji: EmojiRow): Emoji {
  return new Emoji({
    id: new URL(emoji.uri),
    name: `:${emoji.shortcode}:`,
    icon: new Image({ url: new URL(app.storage.url(emoji.image_key)) }),
    updated: instant(emoji.updated_at),
  });
}
