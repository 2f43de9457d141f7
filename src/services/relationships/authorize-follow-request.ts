// Accept a follow request — https://docs.joinmastodon.org/methods/follow_requests/#accept
// `actorId` is the account that was asked (the API's signed-in user, or, for the inbox's
// Accept, the local follower's remote target). No such pending request: not found.
import type { AppContext } from "../../context.ts";
import {
  adjustFollowCounts,
  deletePair,
  findFollowLike,
  insertFollowLike,
} from "../../repos/relationships.ts";
import { withdrawNotification } from "../notifications/withdraw.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function authorizeFollowRequest(
  ctx: AppContext,
  actorId: string,
  requesterId: string,
): Promise<RelationshipResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const request = await findFollowLike(trx, "follow_requests", requesterId, actorId);
    const pair = await loadPair(trx, actorId, requesterId);
    if (request === undefined || pair === undefined) return NOT_FOUND;
    await deletePair(trx, "follow_requests", requesterId, actorId);
    // The request's notification goes with it (Mastodon destroys it with the request).
    await withdrawNotification(trx, {
      type: "follow_request",
      recipientId: actorId,
      fromId: requesterId,
    });
    const row = {
      id: ctx.newId(),
      accountId: requesterId,
      targetAccountId: actorId,
      uri: request.uri,
      at: ctx.clock.now().toISOString(),
    };
    if (await insertFollowLike(trx, "follows", row, request)) {
      await adjustFollowCounts(trx, requesterId, actorId, 1);
      if (pair.target.domain === null)
        await enqueueFeedChange(ctx, trx, "merge", requesterId, actorId);
    }
    return { type: "ok", federate: effect(pair, "Accept Follow") };
  });
}
