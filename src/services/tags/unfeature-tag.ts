// Stop featuring a hashtag:
//   DELETE /api/v1/featured_tags/:id   https://docs.joinmastodon.org/methods/featured_tags/#unfeature
//   POST /api/v1/tags/:name/unfeature  https://docs.joinmastodon.org/methods/tags/#unfeature (4.4)
// By id, only one's own (anyone else's is a 404); by name, a tag not featured changes nothing
// and still answers with the Tag, as Mastodon. Federation: Remove (featured-common).
import type { AppContext } from "../../context.ts";
import {
  deleteTagPair,
  type FeaturedTagRow,
  findFeaturedTag,
  findTagByName,
} from "../../repos/tags.ts";
import { type LoadedTag, loadTags, parseTagName, tagRef } from "./common.ts";
import { type FeaturedTagFederationEffect, featuredEffect } from "./featured-common.ts";

async function remove(
  ctx: AppContext,
  actorId: string,
  row: FeaturedTagRow,
): Promise<FeaturedTagFederationEffect | null> {
  const removed = await deleteTagPair(ctx.db, "featured_tags", actorId, String(row.tag.id));
  return removed ? featuredEffect("Remove", actorId, row) : null;
}

/** undefined when `actorId` has no featured tag with this id. */
export async function removeFeaturedTag(
  ctx: AppContext,
  actorId: string,
  featuredTagId: string,
): Promise<{ federate: FeaturedTagFederationEffect | null } | undefined> {
  const row = await findFeaturedTag(ctx.db, actorId, { id: featuredTagId });
  if (row === undefined) return undefined;
  return { federate: await remove(ctx, actorId, row) };
}

/** undefined when the name cannot be a hashtag (a 404, as Mastodon). */
export async function unfeatureTag(
  ctx: AppContext,
  actorId: string,
  rawName: string,
): Promise<{ tag: LoadedTag; federate: FeaturedTagFederationEffect | null } | undefined> {
  const parsed = parseTagName(rawName);
  if (parsed === null) return undefined;
  const tag = await findTagByName(ctx.db, parsed.name);
  const row = tag && (await findFeaturedTag(ctx.db, actorId, { tagId: String(tag.id) }));
  const federate = row === undefined ? null : await remove(ctx, actorId, row);
  const ref = tag === undefined ? { id: null, ...parsed } : tagRef(tag);
  const [loaded] = await loadTags(ctx, [ref], actorId);
  return { tag: loaded as LoadedTag, federate };
}
