// The events that notify several people, each turned into `notify` jobs (enqueue.ts):
//   a new status (from the fan-out job): its non-silent mentions (Mastodon's
//     notify_mentioned_accounts), the followers who rang the bell and received it at home
//     (not for replies to others, as FeedInsertWorker#notify?), the quoted author;
//   an edit: local accounts that boosted it (`update`) or quoted it (`quoted_update`, with
//     their quote as the status), as UpdateStatusService;
//   a poll's end: its local voters and its author (PollExpirationNotifyWorker);
//   a new user (confirmed and approved, in either order): staff who may manage users
//   (`admin.sign_up`), as BootstrapTimelineService from User#prepare_new_user!.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { can } from "../../domain/permissions.ts";
import { USER_ROLES } from "../../domain/roles.ts";
import {
  findAccountsWithRoles,
  findLocalBoosters,
  findLocalQuotes,
  findNotifyingFollowers,
  findPollVoters,
  findQuotedAuthor,
} from "../../repos/notification-audience.ts";
import { findMentionsOf } from "../../repos/status-reads.ts";
import type { StatusRow } from "../statuses/common.ts";
import { enqueueNotify } from "./enqueue.ts";

/** After fan-out of a new status (not a boost): `delivered` are the homes that got it. */
export async function notifyAboutNewStatus(
  ctx: AppContext,
  status: StatusRow,
  delivered: readonly string[],
): Promise<void> {
  if (status.reblog_of_id !== null) return;
  const from = status.account_id;
  const mentions = await findMentionsOf(ctx.db, [status.id]);
  const mentioned = new Set(mentions.filter((m) => !m.silent).map((m) => m.accountId));
  for (const recipientId of mentioned)
    await enqueueNotify(ctx, ctx.db, {
      type: "mention",
      recipientId,
      fromId: from,
      statusId: status.id,
    });
  const replyToOther =
    status.in_reply_to_account_id !== null && status.in_reply_to_account_id !== from;
  if (!replyToOther) {
    const bell = await findNotifyingFollowers(ctx.db, from, delivered);
    for (const recipientId of bell)
      if (!mentioned.has(recipientId))
        await enqueueNotify(ctx, ctx.db, {
          type: "status",
          recipientId,
          fromId: from,
          statusId: status.id,
        });
  }
  const quoted = await findQuotedAuthor(ctx.db, status.id);
  if (quoted !== undefined)
    await enqueueNotify(ctx, ctx.db, {
      type: "quote",
      recipientId: quoted,
      fromId: from,
      statusId: status.id,
    });
}

/** In the edit's transaction. */
export async function enqueueEditNotifications(
  ctx: AppContext,
  trx: Db,
  status: { id: string; account_id: string },
): Promise<void> {
  for (const recipientId of await findLocalBoosters(trx, status.id))
    await enqueueNotify(ctx, trx, {
      type: "update",
      recipientId,
      fromId: status.account_id,
      statusId: status.id,
    });
  for (const quote of await findLocalQuotes(trx, status.id))
    await enqueueNotify(ctx, trx, {
      type: "quoted_update",
      recipientId: quote.accountId,
      fromId: status.account_id,
      statusId: quote.statusId,
    });
}

export async function enqueuePollNotifications(
  ctx: AppContext,
  db: Db,
  poll: { id: string; statusId: string; accountId: string },
): Promise<void> {
  const voters = await findPollVoters(db, poll.id);
  for (const recipientId of new Set([poll.accountId, ...voters]))
    await enqueueNotify(ctx, db, {
      type: "poll",
      recipientId,
      fromId: poll.accountId,
      statusId: poll.statusId,
    });
}

/** When a new user becomes active (confirmation.ts, manage-user.ts). */
export async function enqueueSignUpNotifications(
  ctx: AppContext,
  db: Db,
  accountId: string,
): Promise<void> {
  const roles = USER_ROLES.filter((role) => can(role, "manage_users"));
  for (const recipientId of await findAccountsWithRoles(db, roles))
    await enqueueNotify(ctx, db, { type: "admin.sign_up", recipientId, fromId: accountId });
}
