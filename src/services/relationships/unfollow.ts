// Unfollow — https://docs.joinmastodon.org/methods/accounts/#unfollow
// Removes the follow and any pending request (Mastodon's unfollow also withdraws a request).
// Unfollowing someone one does not follow succeeds and changes nothing.
import type { AppContext } from "../../context.ts";
import { adjustFollowCounts, deletePair } from "../../repos/relationships.ts";
import { withdrawNotification } from "../notifications/withdraw.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function unfollow(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, targetId);
    if (pair === undefined) return NOT_FOUND;
    const followed = await deletePair(trx, "follows", actorId, targetId);
    if (followed) await adjustFollowCounts(trx, actorId, targetId, -1);
    if (followed)
      await withdrawNotification(trx, { type: "follow", recipientId: targetId, fromId: actorId });
    if (followed && pair.actor.domain === null)
      await enqueueFeedChange(ctx, trx, "unmerge", actorId, targetId);
    // Only followed accounts can be endorsed (Mastodon removes the endorsement too).
    await deletePair(trx, "account_pins", actorId, targetId);
    const requested = await deletePair(trx, "follow_requests", actorId, targetId);
    if (requested)
      await withdrawNotification(trx, {
        type: "follow_request",
        recipientId: targetId,
        fromId: actorId,
      });
    return {
      type: "ok",
      federate: followed || requested ? effect(pair, "Undo Follow") : null,
    };
  });
}
