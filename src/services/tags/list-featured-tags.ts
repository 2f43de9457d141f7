// Featured hashtags:
//   GET /api/v1/featured_tags               one's own (read:accounts)
//   GET /api/v1/accounts/:id/featured_tags  anyone's, public; a suspended account shows none
// https://docs.joinmastodon.org/methods/featured_tags/ — most used first, no pagination (ten
// at most).
import type { AppContext } from "../../context.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { listFeaturedTags } from "../../repos/tags.ts";
import { type LoadedFeaturedTag, loadFeaturedTags } from "./featured-common.ts";

export async function listOwnFeaturedTags(
  ctx: AppContext,
  actorId: string,
): Promise<LoadedFeaturedTag[]> {
  return loadFeaturedTags(ctx, actorId, await listFeaturedTags(ctx.db, actorId));
}

/** undefined for an unknown account. */
export async function listAccountFeaturedTags(
  ctx: AppContext,
  accountId: string,
): Promise<LoadedFeaturedTag[] | undefined> {
  const account = await findAccountById(ctx.db, accountId);
  if (account === undefined) return undefined;
  if (account.suspended_at !== null) return [];
  return loadFeaturedTags(ctx, accountId, await listFeaturedTags(ctx.db, accountId));
}
