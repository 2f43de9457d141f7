// Remove a bookmark — https://docs.joinmastodon.org/methods/statuses/#unbookmark
// Visible statuses only (404 otherwise); removing an absent bookmark changes nothing.
import type { AppContext } from "../../context.ts";
import { deleteMark } from "../../repos/status-interactions.ts";
import { type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

export async function unbookmark(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<InteractionResult> {
  const status = await visibleStatus(ctx.db, actorId, statusId);
  if (status === undefined) return NOT_FOUND;
  await deleteMark(ctx.db, "bookmarks", actorId, statusId);
  return { type: "ok", status, federate: null };
}
