// Bookmark a status — https://docs.joinmastodon.org/methods/statuses/#bookmark
// Visible statuses only (404 otherwise); private to the actor, so nothing federates.
import type { AppContext } from "../../context.ts";
import { insertMark } from "../../repos/status-interactions.ts";
import { type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

export async function bookmark(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<InteractionResult> {
  const status = await visibleStatus(ctx.db, actorId, statusId);
  if (status === undefined) return NOT_FOUND;
  await insertMark(ctx.db, "bookmarks", {
    id: ctx.newId(),
    accountId: actorId,
    statusId,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", status, federate: null };
}
