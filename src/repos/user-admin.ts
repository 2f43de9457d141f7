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
 * their shape); what it did to others' posts stops counting there: its replies, boosts,
 * accepted quotes and favourites (the favourites go, as Mastodon's do). Media become orphans
 * and the purge job removes them. Done in the deletion's transaction.
 */
async function deleteAllStatuses(db: Db, accountId: string, now: string): Promise<void> {
  // For each counter on others' posts: the rows of this account that count toward it.
  const own = (eb: ExpressionBuilder<Database, "statuses">) =>
    eb
      .selectFrom("statuses as r")
      .where("r.account_id", "=", accountId)
      .where("r.deleted_at", "is", null);
  await lowerCount(db, accountId, "replies_count", (eb) =>
    own(eb)
      .where("r.visibility", "in", ["public", "unlisted"])
      .whereRef("r.in_reply_to_id", "=", "statuses.id"),
  );
  await lowerCount(db, accountId, "reblogs_count", (eb) =>
    own(eb).whereRef("r.reblog_of_id", "=", "statuses.id"),
  );
  await lowerCount(db, accountId, "quotes_count", (eb) =>
    own(eb)
      .innerJoin("quotes as q", "q.status_id", "r.id")
      .where("q.state", "=", "accepted")
      .whereRef("q.quoted_status_id", "=", "statuses.id"),
  );
  await lowerCount(db, accountId, "favourites_count", (eb) =>
    eb
      .selectFrom("favourites as r")
      .where("r.account_id", "=", accountId)
      .whereRef("r.status_id", "=", "statuses.id"),
  );
  await db.deleteFrom("favourites").where("account_id", "=", accountId).execute();
  // Quotes it made go (as when one post is deleted); quotes of its posts turn `deleted`.
  await db
    .deleteFrom("quotes")
    .where("status_id", "in", (eb) =>
      eb.selectFrom("statuses").select("id").where("account_id", "=", accountId),
    )
    .execute();
  await db
    .updateTable("quotes")
    .set({ state: "deleted", updated_at: now })
    .where("quoted_account_id", "=", accountId)
    .where("state", "!=", "deleted")
    .execute();
  await db
    .updateTable("statuses")
    .set({ deleted_at: now, updated_at: now })
    .where("account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .execute();
  await db.updateTable("accounts").set({ statuses_count: 0 }).where("id", "=", accountId).execute();
}

type CountColumn = "replies_count" | "reblogs_count" | "quotes_count" | "favourites_count";

/** Lowers `column` on others' posts by the number of `rows` (correlated to `statuses`). */
async function lowerCount(
  db: Db,
  accountId: string,
  column: CountColumn,
  // biome-ignore lint/suspicious/noExplicitAny: a correlated subquery over any of the tables above
  rows: (eb: ExpressionBuilder<Database, "statuses">) => any,
): Promise<void> {
  const counted = (eb: ExpressionBuilder<Database, "statuses">) =>
    rows(eb).select((e: ExpressionBuilder<Database, "statuses">) =>
      e.fn.countAll<number>().as("n"),
    );
  await db
    .updateTable("statuses")
    .set((eb) => ({
      [column]: sql<number>`case when ${sql.ref(column)} > ${counted(eb)} then ${sql.ref(column)} - ${counted(eb)} else 0 end`,
    }))
    .where((eb) => eb.exists(rows(eb).select(sql.lit(1).as("one"))))
    .where("account_id", "!=", accountId)
    .execute();
}
