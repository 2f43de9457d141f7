// Publishing a scheduled post: the `status.publish-scheduled` job at scheduled_at calls the
// same createStatus as the API, with the stored parameters. The scheduled row is deleted in
// the post's own transaction (and the idempotency key `scheduled:<id>` backs that up), so a
// crash never posts twice. A post that no longer passes (its reply target gone, its author
// suspended, a rule changed) is dropped and logged, as Mastodon's PublishScheduledStatusWorker.
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { deleteScheduledStatus, findScheduledStatus } from "../../repos/scheduled-statuses.ts";
import type { StatusFederationEffect, StatusRow } from "../statuses/common.ts";
import { createStatus } from "../statuses/create-status.ts";

const logger = getLogger(["hearth", "jobs"]);

export type PublishResult =
  | { type: "published"; status: StatusRow; federate: StatusFederationEffect | null }
  /** Not due (a stale job after rescheduling), or gone (cancelled, published already). */
  | { type: "skipped" }
  | { type: "dropped"; reason: string };

export async function publishScheduled(ctx: AppContext, id: string): Promise<PublishResult> {
  const row = await findScheduledStatus(ctx.db, id);
  if (row === undefined) return { type: "skipped" };
  if (Date.parse(row.scheduled_at) > ctx.clock.now().getTime()) return { type: "skipped" };
  const accountId = String(row.account_id);
  const author = await findAccountById(ctx.db, accountId);
  const p = row.params;
  const result =
    author === undefined || author.suspended_at !== null
      ? ({ type: "invalid", message: "the author is suspended" } as const)
      : await createStatus(ctx, accountId, {
          text: p.text,
          spoilerText: p.spoiler_text ?? undefined,
          sensitive: p.sensitive ?? undefined,
          visibility: p.visibility,
          language: p.language ?? undefined,
          inReplyToId: p.in_reply_to_id ?? undefined,
          applicationId: p.application_id,
          mediaIds: p.media_ids ?? [],
          poll:
            p.poll === null
              ? undefined
              : {
                  options: p.poll.options,
                  expiresIn: p.poll.expires_in,
                  multiple: p.poll.multiple,
                  hideTotals: p.poll.hide_totals,
                },
          quotedStatusId: p.quoted_status_id ?? undefined,
          quoteApprovalPolicy: p.quote_approval_policy ?? undefined,
          idempotencyKey: `scheduled:${id}`,
          scheduledStatusId: id,
        });
  if (result.type === "ok") {
    // Published by an earlier run that died before its row went: the key found the post.
    await deleteScheduledStatus(ctx.db, id);
    return { type: "published", status: result.status, federate: result.federate };
  }
  const reason =
    result.type === "invalid"
      ? result.message
      : result.type === "not-found"
        ? "reply target gone"
        : result.type;
  await ctx.db.transaction().execute((trx) => deleteScheduledStatus(trx, id));
  logger.warn("Dropped scheduled post {id} of {accountId}: {reason}", { id, accountId, reason });
  return { type: "dropped", reason };
}
