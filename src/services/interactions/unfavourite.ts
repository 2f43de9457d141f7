// Undo a favourite — https://docs.joinmastodon.org/methods/statuses/#unfavourite
// Visible statuses only (404 otherwise). Unfavouriting what is not favourited changes nothing;
// favourites_count moves back once, never below zero.
import type { AppContext } from "../../context.ts";
import { deleteMark } from "../../repos/status-interactions.ts";
import { adjustStatusCount } from "../../repos/statuses.ts";
import { withdrawNotification } from "../notifications/withdraw.ts";
import { effect, type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

export async function unfavourite(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<InteractionResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const status = await visibleStatus(trx, actorId, statusId);
    if (status === undefined) return NOT_FOUND;
    if (!(await deleteMark(trx, "favourites", actorId, statusId)))
      return { type: "ok", status, federate: null };
    await adjustStatusCount(trx, statusId, "favourites_count", -1);
    await withdrawNotification(trx, {
      type: "favourite",
      recipientId: status.account_id,
      fromId: actorId,
      statusId,
    });
    const updated = {
      ...status,
      favourites_count: Math.max(0, Number(status.favourites_count) - 1),
    };
    return { type: "ok", status: updated, federate: effect("Undo Like", actorId, status) };
  });
}
