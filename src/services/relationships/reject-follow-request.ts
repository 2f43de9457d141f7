// Reject a follow request — https://docs.joinmastodon.org/methods/follow_requests/#reject
// `actorId` is the account that was asked; no such pending request: not found.
import type { AppContext } from "../../context.ts";
import { deletePair } from "../../repos/relationships.ts";
import { withdrawNotification } from "../notifications/withdraw.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function rejectFollowRequest(
  ctx: AppContext,
  actorId: string,
  requesterId: string,
): Promise<RelationshipResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, requesterId);
    if (pair === undefined) return NOT_FOUND;
    if (!(await deletePair(trx, "follow_requests", requesterId, actorId))) return NOT_FOUND;
    // The request's notification goes with it (Mastodon destroys it with the request).
    await withdrawNotification(trx, {
      type: "follow_request",
      recipientId: actorId,
      fromId: requesterId,
    });
    return { type: "ok", federate: effect(pair, "Reject Follow") };
  });
}
