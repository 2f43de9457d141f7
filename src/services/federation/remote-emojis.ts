// Custom emoji of another server, as its posts and profiles name them (`Emoji` tags): stored
// under that server's domain with the image linked where it lives, so services/emojis/
// load-emojis.ts finds them for that server's texts, as Mastodon's CustomEmoji rows do.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import { type RemoteEmoji, upsertRemoteEmojis } from "../../repos/remote-objects.ts";

const SHORTCODE = /^[a-zA-Z0-9_]{1,100}$/;
/** A post or profile naming more is not worth more rows (Mastodon has no cap; we do). */
const LIMIT = 100;

export async function storeRemoteEmojis(
  ctx: AppContext,
  domain: string,
  emojis: RemoteEmoji[],
): Promise<void> {
  const valid = new Map<string, RemoteEmoji>();
  for (const e of emojis.slice(0, LIMIT)) {
    const shortcode = e.shortcode.replace(/^:|:$/g, "");
    if (!SHORTCODE.test(shortcode) || !/^https?:\/\//.test(e.url)) continue;
    valid.set(shortcode, { ...e, shortcode });
  }
  const at = ctx.clock.now().toISOString();
  try {
    await upsertRemoteEmojis(ctx.db, domain, [...valid.values()], ctx.newId, at);
  } catch (error) {
    // Two posts of one server naming a new emoji at once: the other one stored it.
    if (!(error instanceof UniqueViolationError)) throw error;
  }
}
