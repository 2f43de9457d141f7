// The one way services ask for a notification: a `notify` job written in the transaction of
// the event, so it exists exactly when the event committed. The rules (blocks, mutes, the
// policy, grouping) run in the job (notify.ts), with the state of that moment.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import type { NotificationType } from "../../domain/notifications.ts";
import { enqueueJob } from "../../repos/jobs.ts";

export interface NotifyRequest {
  type: NotificationType;
  recipientId: string;
  fromId: string;
  /** The status the entity shows: the favourited, boosted (original), mentioning… one. */
  statusId?: string | null;
  /** `admin.report`: the report the entity shows. */
  reportId?: string | null;
}

export async function enqueueNotify(
  ctx: AppContext,
  db: Db,
  request: NotifyRequest,
): Promise<void> {
  // Nobody is told about their own action (polls and moderation excepted, which come later).
  if (request.recipientId === request.fromId && request.type !== "poll") return;
  const at = ctx.clock.now().toISOString();
  await enqueueJob(db, {
    id: ctx.newId(),
    type: "notify",
    payload: {
      type: request.type,
      recipientId: request.recipientId,
      fromId: request.fromId,
      statusId: request.statusId ?? null,
      ...(request.reportId == null ? {} : { reportId: request.reportId }),
    },
    runAt: at,
    createdAt: at,
  });
}
