// Undo a boost — https://docs.joinmastodon.org/methods/statuses/#unreblog
// The id may be the original or a boost of it (as reblog). A status the actor cannot see is a
// 404; unboosting what is not boosted changes nothing. The boost row is soft-deleted like any
// post (delete-status.ts), reblogs_count and the actor's statuses_count move back once. The
// answer is the original with reblogged false. Federation: Undo Announce.
import type { AppContext } from "../../context.ts";
import { findBoostBy } from "../../repos/boosts.ts";
import { adjustAccountStatuses, adjustStatusCount, markDeleted } from "../../repos/statuses.ts";
import { withdrawNotification } from "../notifications/withdraw.ts";
import type { StatusRow } from "../statuses/common.ts";
import { feedsHolding, publishToFeeds } from "../streaming/publish-status.ts";
import { NOT_FOUND } from "./common.ts";
import { type BoostFederationEffect, boostTarget } from "./reblog.ts";

export type UnreblogResult =
  | { type: "ok"; status: StatusRow; federate: BoostFederationEffect | null }
  | typeof NOT_FOUND;

export async function unreblog(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<UnreblogResult> {
  const original = await boostTarget(ctx, actorId, statusId);
  if (original === undefined) return NOT_FOUND;
  const at = ctx.clock.now().toISOString();
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const boost = await findBoostBy(trx, actorId, original.id);
    if (boost === undefined || !(await markDeleted(trx, boost.id, at))) return undefined;
    await adjustStatusCount(trx, original.id, "reblogs_count", -1);
    await adjustAccountStatuses(trx, actorId, -1);
    await withdrawNotification(trx, {
      type: "reblog",
      recipientId: original.account_id,
      fromId: actorId,
      statusId: original.id,
    });
    return boost;
  });
  if (removed === undefined) return { type: "ok", status: original, federate: null };
  // Streaming: the homes holding the boost hear it is gone (a delete with the boost's id).
  await publishToFeeds(ctx, await feedsHolding(ctx, removed.id), "delete", removed.id);
  return {
    type: "ok",
    status: { ...original, reblogs_count: Math.max(0, Number(original.reblogs_count) - 1) },
    federate: removed.local
      ? {
          activity: "Undo Announce",
          actorId,
          boostId: removed.id,
          statusId: original.id,
          statusAccountId: original.account_id,
          visibility: removed.visibility,
        }
      : null,
  };
}
