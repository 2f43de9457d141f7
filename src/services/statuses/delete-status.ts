// Delete a status — https://docs.joinmastodon.org/methods/statuses/#delete
// Only one's own (anyone else's is a 404, as if it did not exist). A soft delete: the row
// stays with deleted_at so replies keep their thread and federation can send the Delete;
// the counters move back once. The caller shows the deleted row with its source text, which
// clients use for delete-and-redraft.
import type { AppContext } from "../../context.ts";
import { deleteBoostsOf } from "../../repos/boosts.ts";
import { findMentionsOf } from "../../repos/status-reads.ts";
import {
  adjustAccountStatuses,
  adjustStatusCount,
  findStatusById,
  markDeleted,
} from "../../repos/statuses.ts";
import { findFeedsHoldingStatus } from "../../repos/streaming.ts";
import { forgetQuotesOfDeleted } from "../quotes/on-status-deleted.ts";
import { publishToFeeds, publishToPublicStreams } from "../streaming/publish-status.ts";
import { NOT_FOUND, type StatusFederationEffect, type StatusRow } from "./common.ts";

export type DeleteStatusResult =
  | { type: "ok"; status: StatusRow; federate: StatusFederationEffect | null }
  | typeof NOT_FOUND;

export async function deleteStatus(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<DeleteStatusResult> {
  const at = ctx.clock.now().toISOString();
  const found = await ctx.db.transaction().execute(async (trx) => {
    const status = await findStatusById(trx, statusId);
    if (status === undefined || status.account_id !== actorId || status.deleted_at !== null)
      return undefined;
    if (!(await markDeleted(trx, statusId, at))) return undefined;
    // A boost gives its count back; an original takes its boosts with it (Mastodon's
    // RemoveStatusService), each booster's statuses_count moving back once.
    if (status.reblog_of_id !== null)
      await adjustStatusCount(trx, status.reblog_of_id, "reblogs_count", -1);
    else await deleteBoostsOf(trx, statusId, at);
    // The reverse of create-status.ts's counting.
    if (
      status.in_reply_to_id !== null &&
      (status.visibility === "public" || status.visibility === "unlisted")
    )
      await adjustStatusCount(trx, status.in_reply_to_id, "replies_count", -1);
    if (status.visibility !== "direct") await adjustAccountStatuses(trx, actorId, -1);
    await forgetQuotesOfDeleted(trx, statusId, at);
    const mentions = await findMentionsOf(trx, [statusId]);
    // Streaming: the homes and lists holding it (or a boost of it) hear of the deletion.
    const holdings = await findFeedsHoldingStatus(trx, statusId);
    return { status, mentionedAccountIds: mentions.map((m) => m.accountId), holdings };
  });
  if (found === undefined) return NOT_FOUND;
  await publishToFeeds(ctx, found.holdings, "delete", statusId);
  await publishToPublicStreams(ctx, found.status, "delete");
  return {
    type: "ok",
    status: found.status,
    federate: found.status.local
      ? {
          // Deleting one's boost (DELETE on its id) withdraws the Announce.
          activity: found.status.reblog_of_id === null ? "Delete" : "Undo Announce",
          statusId,
          mentionedAccountIds: found.mentionedAccountIds,
        }
      : null,
  };
}
