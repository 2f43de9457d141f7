// Feature a hashtag on one's profile:
//   POST /api/v1/featured_tags       https://docs.joinmastodon.org/methods/featured_tags/#feature
//   POST /api/v1/tags/:name/feature  https://docs.joinmastodon.org/methods/tags/#feature (4.4)
// As Mastodon: at most ten per account (a 422 beyond), a tag never seen is created, and
// featuring a tag again changes nothing and answers with it. Federation: Add (featured-common).
import type { AppContext } from "../../context.ts";
import {
  countFeaturedTags,
  type FeaturedTagRow,
  findFeaturedTag,
  findOrCreateTag,
  insertTagPair,
} from "../../repos/tags.ts";
import { type LoadedTag, loadTags, parseTagName, tagRef } from "./common.ts";
import {
  type FeaturedTagFederationEffect,
  featuredEffect,
  type LoadedFeaturedTag,
  loadFeaturedTags,
  MAX_FEATURED_TAGS,
} from "./featured-common.ts";

export type FeatureResult<T> =
  | { type: "ok"; value: T; federate: FeaturedTagFederationEffect | null }
  | { type: "invalid-name" }
  | { type: "invalid"; message: string };

const LIMIT_REACHED = {
  type: "invalid",
  message: "Validation failed: You have already featured the maximum number of hashtags",
} as const;

async function feature(
  ctx: AppContext,
  actorId: string,
  rawName: string,
): Promise<FeatureResult<FeaturedTagRow>> {
  const parsed = parseTagName(rawName);
  if (parsed === null) return { type: "invalid-name" };
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const tag = await findOrCreateTag(trx, { id: ctx.newId(), ...parsed, at });
    const tagId = String(tag.id);
    const existing = await findFeaturedTag(trx, actorId, { tagId });
    if (existing !== undefined) return { type: "ok", value: existing, federate: null };
    if ((await countFeaturedTags(trx, actorId)) >= MAX_FEATURED_TAGS) return LIMIT_REACHED;
    const id = ctx.newId();
    await insertTagPair(trx, "featured_tags", { id, accountId: actorId, tagId, at });
    const row = { id, tag };
    return { type: "ok", value: row, federate: featuredEffect("Add", actorId, row) };
  });
}

/**
 * POST /api/v1/featured_tags: `name` may carry a leading `#` and spaces (Mastodon strips them);
 * none left is Mastodon's presence error, a 422 like the others.
 */
export async function createFeaturedTag(
  ctx: AppContext,
  actorId: string,
  rawName: string | undefined,
): Promise<FeatureResult<LoadedFeaturedTag>> {
  const name = (rawName ?? "").trim().replace(/^#/, "");
  if (name === "") return { type: "invalid", message: "Validation failed: Name can't be blank" };
  const result = await feature(ctx, actorId, name);
  if (result.type !== "ok") return result;
  const [loaded] = await loadFeaturedTags(ctx, actorId, [result.value]);
  return { ...result, value: loaded as LoadedFeaturedTag };
}

/** POST /api/v1/tags/:name/feature: answers with the Tag. */
export async function featureTag(
  ctx: AppContext,
  actorId: string,
  rawName: string,
): Promise<FeatureResult<LoadedTag>> {
  const result = await feature(ctx, actorId, rawName);
  if (result.type !== "ok") return result;
  const [loaded] = await loadTags(ctx, [tagRef(result.value.tag)], actorId);
  return { ...result, value: loaded as LoadedTag };
}
