// What NotifyService needs to decide about one notification (the relationship between
// recipient and sender, in one query) and the notification policy. Requests and the senders
// a user accepted are in notification-requests.ts.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import type { NotificationPoliciesTable } from "../db/schema/index.ts";

export interface PairFacts {
  /** The recipient is a local user who may receive notifications. */
  recipientActive: boolean;
  blocked: boolean;
  mutedNotifications: boolean;
  domainBlocked: boolean;
  recipientFollows: boolean;
  /** When the sender started following the recipient, if they do. */
  senderFollowsSince: string | null;
  permitted: boolean;
  conversationMuted: boolean;
  /** The recipient wrote in the status's thread mentioning the sender (a private reply). */
  recipientMentionedSenderInThread: boolean;
}

const bool = (v: unknown) => v === true || v === 1 || v === "1" || v === "t";

/** One query, however many facts. */
export async function findPairFacts(
  db: Db,
  recipientId: string,
  sender: { id: string; domain: string | null },
  status: { conversationId: string | null } | null,
  now: string,
): Promise<PairFacts> {
  const r = recipientId;
  const s = sender.id;
  const conversationId = status?.conversationId ?? null;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom("users")
            .innerJoin("accounts", "accounts.id", "users.account_id")
            .select(sql`1`.as("one"))
            .where("users.account_id", "=", r)
            .where("accounts.suspended_at", "is", null)
            .where("users.disabled", "=", false),
        )
        .as("recipient_active"),
      eb
        .exists(
          eb
            .selectFrom("blocks")
            .select(sql`1`.as("one"))
            .where((w) =>
              w.or([
                w.and([w("account_id", "=", r), w("target_account_id", "=", s)]),
                w.and([w("account_id", "=", s), w("target_account_id", "=", r)]),
              ]),
            ),
        )
        .as("blocked"),
      eb
        .exists(
          eb
            .selectFrom("mutes")
            .select(sql`1`.as("one"))
            .where("account_id", "=", r)
            .where("target_account_id", "=", s)
            .where("hide_notifications", "=", true)
            .where((w) => w.or([w("expires_at", "is", null), w("expires_at", ">", now)])),
        )
        .as("muted"),
      sender.domain === null
        ? sql<boolean>`1 = 0`.as("domain_blocked")
        : eb
            .exists(
              eb
                .selectFrom("account_domain_blocks")
                .select(sql`1`.as("one"))
                .where("account_id", "=", r)
                .where("domain", "=", sender.domain),
            )
            .as("domain_blocked"),
      eb
        .exists(
          eb
            .selectFrom("follows")
            .select(sql`1`.as("one"))
            .where("account_id", "=", r)
            .where("target_account_id", "=", s),
        )
        .as("recipient_follows"),
      eb
        .selectFrom("follows")
        .select("created_at")
        .where("account_id", "=", s)
        .where("target_account_id", "=", r)
        .as("sender_follows_since"),
      eb
        .exists(
          eb
            .selectFrom("notification_permissions")
            .select(sql`1`.as("one"))
            .where("account_id", "=", r)
            .where("from_account_id", "=", s),
        )
        .as("permitted"),
      conversationId === null
        ? sql<boolean>`1 = 0`.as("conversation_muted")
        : eb
            .exists(
              eb
                .selectFrom("conversation_mutes")
                .select(sql`1`.as("one"))
                .where("account_id", "=", r)
                .where("conversation_id", "=", conversationId),
            )
            .as("conversation_muted"),
      conversationId === null
        ? sql<boolean>`1 = 0`.as("in_thread")
        : eb
            .exists(
              eb
                .selectFrom("statuses")
                .innerJoin("mentions", "mentions.status_id", "statuses.id")
                .select(sql`1`.as("one"))
                .where("statuses.conversation_id", "=", conversationId)
                .where("statuses.account_id", "=", r)
                .where("mentions.account_id", "=", s),
            )
            .as("in_thread"),
    ])
    .executeTakeFirstOrThrow();
  const since = row.sender_follows_since as unknown;
  return {
    recipientActive: bool(row.recipient_active),
    blocked: bool(row.blocked),
    mutedNotifications: bool(row.muted),
    domainBlocked: bool(row.domain_blocked),
    recipientFollows: bool(row.recipient_follows),
    senderFollowsSince:
      since === null || since === undefined
        ? null
        : since instanceof Date
          ? since.toISOString()
          : String(since),
    permitted: bool(row.permitted),
    conversationMuted: bool(row.conversation_muted),
    recipientMentionedSenderInThread: bool(row.in_thread),
  };
}

export type PolicyRow = NotificationPoliciesTable;

export async function findPolicy(db: Db, accountId: string): Promise<PolicyRow | undefined> {
  return db
    .selectFrom("notification_policies")
    .selectAll()
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

export async function upsertPolicy(db: Db, row: PolicyRow): Promise<void> {
  const { account_id: _, created_at: __, ...changes } = row;
  await db
    .insertInto("notification_policies")
    .values(row)
    .onConflict((oc) => oc.column("account_id").doUpdateSet(changes))
    .execute();
}
