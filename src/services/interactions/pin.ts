// Pin a status to one's profile — https://docs.joinmastodon.org/methods/statuses/#pin
// As Mastodon: one's own public or unlisted posts only, never a boost, at most five; each
// refusal is a 422 with Mastodon's message. A status the actor cannot see is a 404. Pinning
// again changes nothing. Federation: Add to the featured collection.
import type { AppContext } from "../../context.ts";
import { countPins, findMarkedAmong, insertPin } from "../../repos/status-interactions.ts";
import { effect, type InteractionResult, NOT_FOUND, visibleStatus } from "./common.ts";

/** Mastodon's StatusPinValidator limit. */
export const MAX_PINNED_STATUSES = 5;

const invalid = (reason: string) =>
  ({ type: "invalid", message: `Validation failed: ${reason}` }) as const;

export async function pin(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<InteractionResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const status = await visibleStatus(trx, actorId, statusId);
    if (status === undefined) return NOT_FOUND;
    if (status.reblog_of_id !== null) return invalid("A boost cannot be pinned");
    if (status.account_id !== actorId) return invalid("Someone else's post cannot be pinned");
    if (status.visibility === "direct")
      return invalid("Posts that are only visible to mentioned users cannot be pinned");
    if (status.visibility !== "public" && status.visibility !== "unlisted")
      return invalid("Non-public post cannot be pinned");
    if ((await findMarkedAmong(trx, "status_pins", actorId, [statusId])).size > 0)
      return { type: "ok", status, federate: null };
    if ((await countPins(trx, actorId)) >= MAX_PINNED_STATUSES)
      return invalid("You have already pinned the maximum number of posts");
    await insertPin(trx, { accountId: actorId, statusId, at: ctx.clock.now().toISOString() });
    return { type: "ok", status, federate: effect("Add", actorId, status) };
  });
}
