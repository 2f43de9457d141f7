// Move a scheduled post — https://docs.joinmastodon.org/methods/scheduled_statuses/#update
// The same rules as scheduling (five minutes ahead, 25 on the new day — not counting itself);
// a new publishing job is armed for the new time, the old one finds the time changed and
// does nothing.
import type { AppContext } from "../../context.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findOwnScheduledStatus, rescheduleStatus } from "../../repos/scheduled-statuses.ts";
import { NOT_FOUND } from "../statuses/common.ts";
import { type LoadedScheduledStatus, loadScheduledStatuses } from "./load.ts";
import { publishKey, scheduleRefusal } from "./schedule.ts";

export type RescheduleResult =
  | { type: "ok"; scheduled: LoadedScheduledStatus }
  | { type: "invalid"; message: string }
  | typeof NOT_FOUND;

export async function reschedule(
  ctx: AppContext,
  accountId: string,
  id: string,
  scheduledAt: Date | undefined,
): Promise<RescheduleResult> {
  const row = await findOwnScheduledStatus(ctx.db, accountId, id);
  if (row === undefined) return NOT_FOUND;
  if (scheduledAt !== undefined) {
    const now = ctx.clock.now();
    const refused = await scheduleRefusal(ctx.db, accountId, scheduledAt, now, id);
    if (refused !== null) return { type: "invalid", message: refused };
    const when = scheduledAt.toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await rescheduleStatus(trx, id, when);
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "status.publish-scheduled",
        payload: { scheduledStatusId: id },
        runAt: when,
        createdAt: now.toISOString(),
        key: publishKey(id, when),
      });
    });
  }
  const fresh = await findOwnScheduledStatus(ctx.db, accountId, id);
  if (fresh === undefined) return NOT_FOUND;
  const [loaded] = await loadScheduledStatuses(ctx, [fresh]);
  return { type: "ok", scheduled: loaded as LoadedScheduledStatus };
}
