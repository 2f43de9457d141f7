// Create one notification, as Mastodon's NotifyService decides (4.3+):
//   only local, active recipients; never for one's own action (poll results excepted);
//   dropped: either side blocks the other, the recipient mutes the sender with
//   hide_notifications, the recipient blocks the sender's domain and does not follow them,
//   the status's thread is muted by the recipient, the status is not visible to them, a
//   mention in a post that also names (or answers) someone the recipient blocks or mutes;
//   then the notification policy (filterable types only, unless the recipient accepted the
//   sender's request before): drop → nothing, filter → stored as filtered, and a filtered
//   mention opens (or updates) a request from that sender;
//   grouped types (favourite, reblog per status; follow; admin.sign_up) join the recipient's
//   group of the same kind begun less than 12 hours earlier, else start one;
//   the same event twice (a retried job) notifies once; an event undone before its job ran
//   (an unfavourite, an unfollow) notifies nobody.
// A shown notification goes out live as a `notification` event on the recipient's `user`
// and `user:notification` streams; the payload is the notification id.
import type { AppContext } from "../../context.ts";
import {
  applyPolicy,
  candidateGroupKeys,
  DEFAULT_POLICY,
  dedupeKey,
  groupKeyPrefix,
  hourBucket,
  isFilterable,
  isGroupable,
  isNotificationType,
  MAX_MEANINGFUL_COUNT,
  MAXIMUM_GROUP_SPAN_HOURS,
  NEW_ACCOUNT_THRESHOLD_MS,
  NEW_FOLLOWER_THRESHOLD_MS,
} from "../../domain/notifications.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import { blocksOrHidesAny, eventStands } from "../../repos/notification-audience.ts";
import { findPairFacts, findPolicy } from "../../repos/notification-policies.ts";
import { upsertRequest } from "../../repos/notification-requests.ts";
import {
  countFilteredMentions,
  findRecentGroupKey,
  insertNotification,
  type NotificationRow,
} from "../../repos/notifications.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findMentionsOf, findVisibleStatuses } from "../../repos/status-reads.ts";
import { enqueuePushes } from "../push/enqueue-push.ts";
import { policyOf } from "./policy.ts";

export interface NotifyInput {
  type: string;
  recipientId: string;
  fromId: string;
  statusId: string | null;
  reportId?: string | null;
}

/** Types a sender may send to themself (Mastodon: poll results, moderation). */
const SELF_TYPES = new Set(["poll", "severed_relationships", "moderation_warning"]);

/** The notification made, or undefined when the rules said no (or it existed already). */
export async function notify(
  ctx: AppContext,
  input: NotifyInput,
): Promise<NotificationRow | undefined> {
  const { type, recipientId, fromId } = input;
  if (!isNotificationType(type)) return undefined;
  if (recipientId === fromId && !SELF_TYPES.has(type)) return undefined;
  if (!(await eventStands(ctx.db, input))) return undefined;
  const sender = await findAccountById(ctx.db, fromId);
  if (sender === undefined || sender.suspended_at !== null) return undefined;
  let conversationId: string | null = null;
  let direct = false;
  let isReply = false;
  let alsoConcerned: string[] = [];
  if (input.statusId !== null) {
    const [status] = await findVisibleStatuses(ctx.db, [input.statusId], recipientId);
    if (status === undefined) return undefined;
    conversationId = status.conversation_id ?? null;
    direct = status.visibility === "direct";
    isReply = status.in_reply_to_id !== null;
    if (type === "mention") {
      const mentioned = (await findMentionsOf(ctx.db, [status.id])).map((m) => m.accountId);
      alsoConcerned = [...mentioned, status.in_reply_to_account_id ?? ""].filter(
        (id) => id !== "" && id !== recipientId && id !== fromId,
      );
    }
  }
  const now = ctx.clock.now();
  const facts = await findPairFacts(
    ctx.db,
    recipientId,
    { id: sender.id, domain: sender.domain },
    { conversationId },
    now.toISOString(),
  );
  if (!facts.recipientActive) return undefined;
  if (facts.blocked || facts.mutedNotifications || facts.conversationMuted) return undefined;
  if (facts.domainBlocked && !facts.recipientFollows) return undefined;
  // A mention in a post that also names or answers someone the recipient blocks or mutes.
  if (await blocksOrHidesAny(ctx.db, recipientId, alsoConcerned, now.toISOString()))
    return undefined;

  let filtered = false;
  if (isFilterable(type) && !facts.permitted) {
    const policy = policyOf(await findPolicy(ctx.db, recipientId)) ?? DEFAULT_POLICY;
    const verdict = applyPolicy(policy, {
      followedByRecipient: facts.recipientFollows,
      establishedFollower:
        facts.senderFollowsSince !== null &&
        Date.parse(facts.senderFollowsSince) <= now.getTime() - NEW_FOLLOWER_THRESHOLD_MS,
      newAccount: Date.parse(sender.created_at) > now.getTime() - NEW_ACCOUNT_THRESHOLD_MS,
      // Accounts of a silenced domain (instance domain blocks) are limited.
      limited: sender.silenced_at != null,
      unsolicitedPrivateMention:
        type === "mention" && direct && !(isReply && facts.recipientMentionedSenderInThread),
    });
    if (verdict === "drop") return undefined;
    filtered = verdict === "filter";
  }

  const at = now.toISOString();
  let groupKey: string | null = null;
  if (!filtered && isGroupable(type)) {
    const prefix = groupKeyPrefix(type, input.statusId);
    const bucket = hourBucket(now);
    const since = new Date(now.getTime() - MAXIMUM_GROUP_SPAN_HOURS * 3_600_000).toISOString();
    groupKey =
      (await findRecentGroupKey(ctx.db, recipientId, candidateGroupKeys(prefix, bucket), since)) ??
      `${prefix}-${bucket}`;
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertNotification(trx, {
      accountId: recipientId,
      fromAccountId: fromId,
      type,
      statusId: input.statusId,
      groupKey,
      // Each report notifies on its own (the same reporter may file several).
      dedupeKey:
        type === "admin.report"
          ? `admin.report:${input.reportId ?? ""}`
          : dedupeKey(type, fromId, input.statusId),
      reportId: input.reportId ?? null,
      filtered,
      at,
    });
    // Only mentions open a request (Mastodon); other filtered types wait in the list.
    if (inserted !== undefined && filtered && type === "mention" && input.statusId !== null)
      await upsertRequest(trx, {
        id: ctx.newId(),
        accountId: recipientId,
        fromAccountId: fromId,
        lastStatusId: input.statusId,
        count: await countFilteredMentions(trx, recipientId, fromId, MAX_MEANINGFUL_COUNT),
        at,
      });
    // A shown notification also goes to the recipient's Web Push subscriptions.
    if (inserted !== undefined && !filtered)
      await enqueuePushes(ctx, trx, inserted, {
        recipientFollows: facts.recipientFollows,
        senderFollows: facts.senderFollowsSince !== null,
      });
    return inserted;
  });
  if (row === undefined || row.filtered) return row;
  const message = encodeStreamMessage({ event: "notification", payload: row.id });
  await ctx.pubsub.publish(channels.notifications(recipientId), message);
  await ctx.pubsub.publish(channels.home(recipientId), message);
  return row;
}
