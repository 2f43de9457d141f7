// Remove a follower — https://docs.joinmastodon.org/methods/accounts/#remove_from_followers
// Ends the target's follow of the actor (a soft block without the block). Succeeds when the
// target did not follow.
import type { AppContext } from "../../context.ts";
import { adjustFollowCounts, deletePair } from "../../repos/relationships.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function removeFromFollowers(
  ctx: AppContext,
  actorId: string,
  followerId: string,
): Promise<RelationshipResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, followerId);
    if (pair === undefined) return NOT_FOUND;
    const removed = await deletePair(trx, "follows", followerId, actorId);
    if (removed) await adjustFollowCounts(trx, followerId, actorId, -1);
    if (removed && pair.target.domain === null)
      await enqueueFeedChange(ctx, trx, "unmerge", followerId, actorId);
    await deletePair(trx, "account_pins", followerId, actorId);
    return { type: "ok", federate: removed ? effect(pair, "Reject Follow") : null };
  });
}
