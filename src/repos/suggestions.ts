// Follow suggestions (Mastodon 4.3's AccountSuggestions sources) and their dismissals. Every
// source leaves out the viewer, accounts the viewer follows, asked to follow, blocks, is
// blocked by, mutes or dismissed, and unlisted accounts (suspended, unconfirmed).
import { type ExpressionBuilder, sql } from "kysely";
import type { Db } from "../db/index.ts";
import type { Database } from "../db/schema/index.ts";
import { excludedByViewer, listedAccount } from "./account-filters.ts";
import type { AccountRow } from "./accounts.ts";

type AccountsEb = ExpressionBuilder<Database, "accounts">;

function candidate(eb: AccountsEb, viewerId: string, now: string) {
  const viewer = sql<string>`cast(${viewerId} as bigint)`;
  // One subquery per table: Kysely cannot type a select from a union of table names.
  const follows = eb.exists(
    eb
      .selectFrom("follows as p")
      .select(sql`1`.as("one"))
      .where("p.account_id", "=", viewer)
      .whereRef("p.target_account_id", "=", "accounts.id"),
  );
  const requested = eb.exists(
    eb
      .selectFrom("follow_requests as p")
      .select(sql`1`.as("one"))
      .where("p.account_id", "=", viewer)
      .whereRef("p.target_account_id", "=", "accounts.id"),
  );
  const dismissed = eb.exists(
    eb
      .selectFrom("suggestion_dismissals as p")
      .select(sql`1`.as("one"))
      .where("p.account_id", "=", viewer)
      .whereRef("p.target_account_id", "=", "accounts.id"),
  );
  return eb.and([
    listedAccount(eb),
    eb("accounts.id", "!=", viewer),
    eb.not(follows),
    eb.not(requested),
    eb.not(dismissed),
    eb.not(excludedByViewer(eb, viewerId, { mutes: true, now })),
  ]);
}

/**
 * Accounts followed by the accounts the viewer follows, most such follows first (then the
 * less followed, as Mastodon: a friend's small account over a celebrity). Discoverable only.
 */
export async function findFriendsOfFriends(
  db: Db,
  viewerId: string,
  limit: number,
  now: string,
): Promise<AccountRow[]> {
  const friendsFollow = db
    .selectFrom("follows as theirs")
    .innerJoin("follows as mine", "mine.target_account_id", "theirs.account_id")
    .select(["theirs.target_account_id as account_id", sql<number>`count(*)`.as("frequency")])
    .where("mine.account_id", "=", viewerId)
    .groupBy("theirs.target_account_id");
  return db
    .selectFrom("accounts")
    .innerJoin(friendsFollow.as("fof"), "fof.account_id", "accounts.id")
    .selectAll("accounts")
    .where("accounts.discoverable", "=", true)
    .where((eb) => candidate(eb, viewerId, now))
    .orderBy("fof.frequency", "desc")
    .orderBy("accounts.followers_count", "asc")
    .orderBy("accounts.id")
    .limit(limit)
    .execute();
}

/** The most followed discoverable local accounts (Mastodon's global "most_followed"). */
export async function findMostFollowed(
  db: Db,
  viewerId: string,
  limit: number,
  now: string,
): Promise<AccountRow[]> {
  return db
    .selectFrom("accounts")
    .selectAll("accounts")
    .where("accounts.domain", "is", null)
    .where("accounts.discoverable", "=", true)
    .where("accounts.followers_count", ">", 0)
    .where((eb) => candidate(eb, viewerId, now))
    .orderBy("accounts.followers_count", "desc")
    .orderBy("accounts.id")
    .limit(limit)
    .execute();
}

/** The local accounts with these usernames (the staff picks), in the order given. */
export async function findFeaturedAccounts(
  db: Db,
  viewerId: string,
  usernames: readonly string[],
  now: string,
): Promise<AccountRow[]> {
  if (usernames.length === 0) return [];
  const rows = await db
    .selectFrom("accounts")
    .selectAll("accounts")
    .where("accounts.domain", "is", null)
    .where((eb) =>
      eb(
        eb.fn("lower", ["accounts.username"]),
        "in",
        usernames.map((u) => u.toLowerCase()),
      ),
    )
    .where((eb) => candidate(eb, viewerId, now))
    .execute();
  const rank = (row: AccountRow) =>
    usernames.findIndex((u) => u.toLowerCase() === row.username.toLowerCase());
  return rows.sort((a, b) => rank(a) - rank(b));
}

export async function insertSuggestionDismissal(
  db: Db,
  row: { id: string; accountId: string; targetAccountId: string; at: string },
): Promise<void> {
  await db
    .insertInto("suggestion_dismissals")
    .values({
      id: row.id,
      account_id: row.accountId,
      target_account_id: row.targetAccountId,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
    .execute();
}
