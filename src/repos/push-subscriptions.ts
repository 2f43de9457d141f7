// Web Push subscriptions (0033): one per access token, replaced by a new POST, and the
// subscriptions a notification may be pushed to (those whose token still works).
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { PushSubscriptionsTable } from "../db/schema/index.ts";

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export interface NewPushSubscription {
  id: string;
  userId: string;
  accessTokenId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  standard: boolean;
  alerts: Record<string, boolean>;
  policy: string;
  accessTokenBox: string;
  at: string;
}

export async function insertPushSubscription(db: Db, s: NewPushSubscription): Promise<void> {
  await db
    .insertInto("push_subscriptions")
    .values({
      id: s.id,
      user_id: s.userId,
      access_token_id: s.accessTokenId,
      endpoint: s.endpoint,
      key_p256dh: s.p256dh,
      key_auth: s.auth,
      standard: s.standard,
      alerts: JSON.stringify(s.alerts),
      policy: s.policy,
      access_token_box: s.accessTokenBox,
      created_at: s.at,
      updated_at: s.at,
    })
    .execute();
}

export function findPushSubscriptionOfToken(
  db: Db,
  accessTokenId: string,
): Promise<PushSubscriptionRow | undefined> {
  return db
    .selectFrom("push_subscriptions")
    .selectAll()
    .where("access_token_id", "=", accessTokenId)
    .executeTakeFirst();
}

export async function updatePushSubscriptionData(
  db: Db,
  id: string,
  data: { alerts: Record<string, boolean>; policy: string; at: string },
): Promise<void> {
  await db
    .updateTable("push_subscriptions")
    .set({ alerts: JSON.stringify(data.alerts), policy: data.policy, updated_at: data.at })
    .where("id", "=", id)
    .execute();
}

export async function deletePushSubscriptionsOfToken(db: Db, accessTokenId: string) {
  await db.deleteFrom("push_subscriptions").where("access_token_id", "=", accessTokenId).execute();
}

export async function deletePushSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

/** The subscriptions of a local account's user whose access token is not revoked. */
export function findLivePushSubscriptionsOfAccount(
  db: Db,
  accountId: string,
): Promise<Pick<PushSubscriptionRow, "id" | "alerts" | "policy">[]> {
  return db
    .selectFrom("push_subscriptions")
    .innerJoin("users", "users.id", "push_subscriptions.user_id")
    .innerJoin(
      "oauth_access_tokens",
      "oauth_access_tokens.id",
      "push_subscriptions.access_token_id",
    )
    .select(["push_subscriptions.id", "push_subscriptions.alerts", "push_subscriptions.policy"])
    .where("users.account_id", "=", accountId)
    .where("oauth_access_tokens.revoked_at", "is", null)
    .execute();
}

/** A subscription with what its push needs: the user's locale, whether its token still works. */
export function findPushSubscriptionForDelivery(db: Db, id: string) {
  return db
    .selectFrom("push_subscriptions")
    .innerJoin("users", "users.id", "push_subscriptions.user_id")
    .innerJoin(
      "oauth_access_tokens",
      "oauth_access_tokens.id",
      "push_subscriptions.access_token_id",
    )
    .selectAll("push_subscriptions")
    .select([
      "users.locale",
      "users.account_id",
      "oauth_access_tokens.revoked_at as token_revoked_at",
    ])
    .where("push_subscriptions.id", "=", id)
    .executeTakeFirst();
}
