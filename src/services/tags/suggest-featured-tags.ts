// Tags worth featuring — https://docs.joinmastodon.org/methods/featured_tags/#suggestions
// As Mastodon: the ten tags one used most in one's latest thousand posts, not yet featured.
import type { AppContext } from "../../context.ts";
import { findMostUsedTags } from "../../repos/tags.ts";
import { type LoadedTag, loadTags, tagRef } from "./common.ts";

const RECENT_STATUSES = 1000;
const SUGGESTIONS = 10;

export async function suggestFeaturedTags(ctx: AppContext, actorId: string): Promise<LoadedTag[]> {
  const rows = await findMostUsedTags(ctx.db, actorId, {
    recent: RECENT_STATUSES,
    limit: SUGGESTIONS,
  });
  return loadTags(ctx, rows.map(tagRef), actorId);
}
