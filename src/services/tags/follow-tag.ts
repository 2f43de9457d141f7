// Follow a hashtag — https://docs.joinmastodon.org/methods/tags/#follow
// A name never seen is created (as Mastodon), so one can follow a tag before anyone uses it.
// Following again changes nothing. Local only: following a tag sends no activity.
import type { AppContext } from "../../context.ts";
import { findOrCreateTag, insertTagPair } from "../../repos/tags.ts";
import { type LoadedTag, loadTags, parseTagName, tagRef } from "./common.ts";

/** undefined when the name cannot be a hashtag (a 404, as Mastodon). */
export async function followTag(
  ctx: AppContext,
  actorId: string,
  rawName: string,
): Promise<LoadedTag | undefined> {
  const parsed = parseTagName(rawName);
  if (parsed === null) return undefined;
  const at = ctx.clock.now().toISOString();
  const tag = await ctx.db.transaction().execute(async (trx) => {
    const row = await findOrCreateTag(trx, { id: ctx.newId(), ...parsed, at });
    await insertTagPair(trx, "tag_follows", {
      id: ctx.newId(),
      accountId: actorId,
      tagId: String(row.id),
      at,
    });
    return row;
  });
  const [loaded] = await loadTags(ctx, [tagRef(tag)], actorId);
  return loaded;
}
