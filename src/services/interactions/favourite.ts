// Favourite a status — https://docs.joinmastodon.org/methods/statuses/#favourite
// Visible statuses only (404 otherwise). Favouriting again changes nothing; favourites_count
// moves in the same transaction as the row, once. A remote Like will call this with its `uri`.
import type { AppContext } from "../../context.ts";
import { insertMark } from "../../repos/status-interactions.ts";
import { adjustStatusCount } from "../../repos/statuses.ts";
import { enqueueNotify } from "../notifications/enqueue.ts";
import { effect, type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

export async function favourite(
  ctx: AppContext,
  actorId: string,
  statusId: string,
  options: { uri?: string | null } = {},
): Promise<InteractionResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const status = await visibleStatus(trx, actorId, statusId);
    if (status === undefined) return NOT_FOUND;
    const added = await insertMark(trx, "favourites", {
      id: ctx.newId(),
      accountId: actorId,
      statusId,
      at: ctx.clock.now().toISOString(),
      uri: options.uri ?? null,
    });
    if (!added) return { type: "ok", status, federate: null };
    await adjustStatusCount(trx, statusId, "favourites_count", 1);
    await enqueueNotify(ctx, trx, {
      type: "favourite",
      recipientId: status.account_id,
      fromId: actorId,
      statusId,
    });
    const updated = { ...status, favourites_count: Number(status.favourites_count) + 1 };
    return { type: "ok", status: updated, federate: effect("Like", actorId, status) };
  });
}
