// What operators and moderators change on a local user: approval, role, confirmation,
// disabling, password, and removing the user when the account is deleted.
import { type ExpressionBuilder, sql, type Updateable } from "kysely";
import type { Db } from "../db/index.ts";
import type { Database, UsersTable } from "../db/schema/index.ts";

export interface LocalUser {
  accountId: string;
  username: string;
  suspendedAt: string | null;
  userId: string;
  role: string | null;
  confirmedAt: string | null;
  approved: boolean;
  disabled: boolean;
}

/** The local user with this username (any case), or undefined. */
export async function findLocalUser(db: Db, username: string): Promise<LocalUser | undefined> {
  return db
    .selectFrom("accounts as a")
    .innerJoin("users as u", "u.account_id", "a.id")
    .select([
      "a.id as accountId",
      "a.username as username",
      "a.suspended_at as suspendedAt",
      "u.id as userId",
      "u.role as role",
      "u.confirmed_at as confirmedAt",
      "u.approved as approved",
      "u.disabled as disabled",
    ])
    .where("a.domain", "is", null)
    .where((eb) => eb(eb.fn("lower", ["a.username"]), "=", eb.fn("lower", [eb.val(username)])))
    .executeTakeFirst();
}

export async function updateUser(
  db: Db,
  userId: string,
  changes: Updateable<UsersTable>,
): Promise<void> {
  await db.updateTable("users").set(changes).where("id", "=", userId).execute();
}

/**
 * Deletes the user (its tokens, codes and apps go with it through foreign keys) and empties
 * the account, which stays as a tombstone so the username can never be taken again and
 * remote servers' references keep resolving to "deleted".
 */
export async function deleteUserKeepTombstone(db: Db, user: LocalUser, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await dropRelationships(trx, user.accountId);
    await deleteAllStatuses(trx, user.accountId, now);
    await trx.deleteFrom("users").where("id", "=", user.userId).execute();
    await trx
      .updateTable("accounts")
      .set({
        display_name: "",
        note: "",
        fields: "[]",
        locked: false,
        bot: false,
        discoverable: false,
        indexable: false,
        followers_count: 0,
        following_count: 0,
        suspended_at: user.suspendedAt ?? now,
        updated_at: now,
      })
      .where("id", "=", user.accountId)
      .execute();
  });
}

const decrement = (column: "followers_count" | "following_count") =>
  sql<number>`case when ${sql.ref(column)} > 0 then ${sql.ref(column)} - 1 else 0 end`;

/**
 * A deleted account follows, blocks and mutes nobody and nobody follows it any more: the rows
 * go, and the other side's counts come down with them. Call inside a transaction.
 */
async function dropRelationships(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ followers_count: decrement("followers_count") })
    .where("id", "in", (eb) =>
      eb.selectFrom("follows").select("target_account_id").where("account_id", "=", accountId),
    )
    .execute();
  await db
    .updateTable("accounts")
    .set({ following_count: decrement("following_count") })
    .where("id", "in", (eb) =>
      eb.selectFrom("follows").select("account_id").where("target_account_id", "=", accountId),
    )
    .execute();
  for (const table of [
    "follows",
    "follow_requests",
    "blocks",
    "mutes",
    "account_notes",
    "account_pins",
  ] as const) {
    await db
      .deleteFrom(table)
      .where((eb) =>
        eb.or([eb("account_id", "=", accountId), eb("target_account_id", "=", accountId)]),
      )
      .execute();
  }
}

/**
 * The account's posts are deleted with it (soft, as a single deletion is, so threads keep
 * their shape and federation can send the Deletes later); replies stop counting on the posts
 * they answered. Media become orphans and the cleanup removes them. Done in the deletion's
 * transaction: there is no job queue yet, and a person's posts are bounded.
 */
async function deleteAllStatuses(db: Db, accountId: string, now: string): Promise<void> {
  const counted = (eb: ExpressionBuilder<Database, "statuses">) =>
    eb
      .selectFrom("statuses as r")
      .select((e) => e.fn.countAll<number>().as("n"))
      .whereRef("r.in_reply_to_id", "=", "statuses.id")
      .where("r.account_id", "=", accountId)
      .where("r.deleted_at", "is", null)
      .where("r.visibility", "in", ["public", "unlisted"]);
  await db
    .updateTable("statuses")
    .set((eb) => ({
      replies_count: sql<number>`case when replies_count > ${counted(eb)} then replies_count - ${counted(eb)} else 0 end`,
    }))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("statuses as r")
        .select("r.in_reply_to_id")
        .where("r.account_id", "=", accountId)
        .where("r.deleted_at", "is", null)
        .where("r.in_reply_to_id", "is not", null),
    )
    .where("account_id", "!=", accountId)
    .execute();
  await db
    .updateTable("statuses")
    .set({ deleted_at: now, updated_at: now })
    .where("account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .execute();
  await db.updateTable("accounts").set({ statuses_count: 0 }).where("id", "=", accountId).execute();
}
