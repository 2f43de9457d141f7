// Unpin a status — https://docs.joinmastodon.org/methods/statuses/#unpin
// A status the actor cannot see is a 404; unpinning what is not pinned changes nothing.
// Federation: Remove from the featured collection.
import type { AppContext } from "../../context.ts";
import { deleteMark } from "../../repos/status-interactions.ts";
import { effect, type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

export async function unpin(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<InteractionResult> {
  const status = await visibleStatus(ctx.db, actorId, statusId);
  if (status === undefined) return NOT_FOUND;
  const removed = await deleteMark(ctx.db, "status_pins", actorId, statusId);
  return { type: "ok", status, federate: removed ? effect("Remove", actorId, status) : null };
}
