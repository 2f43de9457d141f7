// Schedule a post — https://docs.joinmastodon.org/methods/statuses/#create with scheduled_at
// createStatus validates a scheduled post exactly as a post made now (text, media, poll, reply
// target), then calls scheduleStatus instead of inserting: as Mastodon's PostStatusService,
// which builds the status only to validate it. The row keeps the parameters, reserves the
// uploads, and a `status.publish-scheduled` job waits for scheduled_at.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import type { ScheduledStatusParams } from "../../db/schema/index.ts";
import { SCHEDULE_ERRORS, SCHEDULE_LIMITS, utcDay } from "../../domain/scheduling.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import {
  countScheduledStatuses,
  insertScheduledStatus,
  reserveMedia,
  type ScheduledStatusRow,
} from "../../repos/scheduled-statuses.ts";
import type { NewStatus } from "../statuses/create-status.ts";

/** A time not after now means "post now" (Mastodon drops a past scheduled_at). */
export function effectiveSchedule(scheduledAt: Date | undefined, now: Date): Date | undefined {
  return scheduledAt !== undefined && scheduledAt.getTime() > now.getTime()
    ? scheduledAt
    : undefined;
}

/** Mastodon's ScheduledStatus validations: five minutes ahead, 300 pending, 25 on one day. */
export async function scheduleRefusal(
  db: Db,
  accountId: string,
  scheduledAt: Date,
  now: Date,
  exceptId?: string,
): Promise<string | null> {
  if (scheduledAt.getTime() <= now.getTime() + SCHEDULE_LIMITS.minOffsetMs)
    return SCHEDULE_ERRORS.tooSoon;
  const counts = await countScheduledStatuses(db, accountId, utcDay(scheduledAt), exceptId);
  if (counts.total >= SCHEDULE_LIMITS.total) return SCHEDULE_ERRORS.total;
  if (counts.onDay >= SCHEDULE_LIMITS.daily) return SCHEDULE_ERRORS.daily;
  return null;
}

class MediaTaken extends Error {
  override name = "MediaTaken";
}

export type ScheduleResult =
  | { type: "scheduled"; scheduled: ScheduledStatusRow }
  | { type: "invalid"; message: string };

export async function scheduleStatus(
  ctx: AppContext,
  accountId: string,
  scheduledAt: Date,
  params: ScheduledStatusParams,
  idempotencyKey?: string,
): Promise<ScheduleResult> {
  const now = ctx.clock.now();
  const refused = await scheduleRefusal(ctx.db, accountId, scheduledAt, now);
  if (refused !== null) return { type: "invalid", message: refused };
  const id = ctx.newId();
  const at = now.toISOString();
  const when = scheduledAt.toISOString();
  const scheduled = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await insertScheduledStatus(trx, {
        id,
        accountId,
        scheduledAt: when,
        params,
        idempotencyKey: idempotencyKey || null,
        at,
      });
      if (!(await reserveMedia(trx, id, params.media_ids ?? []))) throw new MediaTaken();
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "status.publish-scheduled",
        payload: { scheduledStatusId: id },
        runAt: when,
        createdAt: at,
        key: publishKey(id, when),
      });
      return row;
    })
    .catch((error: unknown) => {
      if (error instanceof MediaTaken) return null;
      throw error;
    });
  if (scheduled === null)
    return { type: "invalid", message: "Cannot attach media that another post uses" };
  return { type: "scheduled", scheduled };
}

/** What a validated post will be made with: the request, with what createStatus resolved. */
export function scheduledParams(
  input: NewStatus,
  resolved: {
    text: string;
    mediaIds: string[];
    spoilerText: string;
    visibility: string;
    parentId: string | undefined;
    language: string | null;
  },
): ScheduledStatusParams {
  const poll = input.poll;
  return {
    text: resolved.text,
    poll:
      poll === undefined
        ? null
        : {
            options: poll.options,
            expires_in: poll.expiresIn,
            multiple: poll.multiple,
            hide_totals: poll.hideTotals,
          },
    media_ids: resolved.mediaIds.length === 0 ? null : resolved.mediaIds,
    sensitive: input.sensitive ?? null,
    spoiler_text: resolved.spoilerText,
    visibility: resolved.visibility,
    in_reply_to_id: resolved.parentId ?? null,
    language: resolved.language,
    application_id: input.applicationId ?? null,
    quoted_status_id: input.quotedStatusId ?? null,
    quote_approval_policy: input.quoteApprovalPolicy ?? null,
    scheduled_at: null,
    idempotency: null,
    with_rate_limit: false,
  };
}

/** One publishing job per (post, time): rescheduling arms a new one, the old one no-ops. */
export function publishKey(id: string, scheduledAt: string): string {
  return `status.publish-scheduled:${id}:${scheduledAt}`;
}
