// Writes and single-pair reads of relationships (follows, follow requests, blocks, mutes,
// notes, endorsements). Each table holds one row per ordered pair under a unique index, so an
// insert that loses a race does nothing (ON CONFLICT DO NOTHING) and callers learn from the
// RETURNING rows whether they changed anything: counts are adjusted only for rows that really
// came or went.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";

export type PairTable =
  | "follows"
  | "follow_requests"
  | "blocks"
  | "mutes"
  | "account_notes"
  | "account_pins";

export interface FollowOptions {
  showReblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

export interface FollowRow extends FollowOptions {
  id: string;
  accountId: string;
  targetAccountId: string;
  uri: string | null;
}

/** Deletes the pair's row; true when there was one. */
export async function deletePair(db: Db, table: PairTable, a: string, t: string): Promise<boolean> {
  const rows = await db
    .deleteFrom(table)
    .where("account_id", "=", a)
    .where("target_account_id", "=", t)
    .returning("id")
    .execute();
  return rows.length > 0;
}

export async function pairExists(db: Db, table: PairTable, a: string, t: string): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("account_id", "=", a)
    .where("target_account_id", "=", t)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a follow or a follow request; false when the pair already had one. */
export async function insertFollowLike(
  db: Db,
  table: "follows" | "follow_requests",
  row: { id: string; accountId: string; targetAccountId: string; uri: string | null; at: string },
  options: FollowOptions,
): Promise<boolean> {
  const inserted = await db
    .insertInto(table)
    .values({
      id: row.id,
      account_id: row.accountId,
      target_account_id: row.targetAccountId,
      show_reblogs: options.showReblogs,
      notify: options.notify,
      languages: options.languages === null ? null : JSON.stringify(options.languages),
      uri: row.uri,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function findFollowLike(
  db: Db,
  table: "follows" | "follow_requests",
  a: string,
  t: string,
): Promise<FollowRow | undefined> {
  const row = await db
    .selectFrom(table)
    .selectAll()
    .where("account_id", "=", a)
    .where("target_account_id", "=", t)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    targetAccountId: row.target_account_id,
    uri: row.uri,
    showReblogs: row.show_reblogs,
    notify: row.notify,
    languages: row.languages,
  };
}

export async function updateFollowLike(
  db: Db,
  table: "follows" | "follow_requests",
  a: string,
  t: string,
  options: FollowOptions,
  at: string,
): Promise<void> {
  await db
    .updateTable(table)
    .set({
      show_reblogs: options.showReblogs,
      notify: options.notify,
      languages: options.languages === null ? null : JSON.stringify(options.languages),
      updated_at: at,
    })
    .where("account_id", "=", a)
    .where("target_account_id", "=", t)
    .execute();
}

/**
 * Moves the follower and following counts of one follow by `delta` (+1 or -1), never below
 * zero: a count that drifted (a remote account's, or rows removed by a cascade) must not show
 * as negative.
 */
export async function adjustFollowCounts(
  db: Db,
  followerId: string,
  followedId: string,
  delta: 1 | -1,
): Promise<void> {
  const bump = (column: "followers_count" | "following_count") =>
    sql<number>`case when ${sql.ref(column)} + ${delta} < 0 then 0 else ${sql.ref(column)} + ${delta} end`;
  await db
    .updateTable("accounts")
    .set({ following_count: bump("following_count") })
    .where("id", "=", followerId)
    .execute();
  await db
    .updateTable("accounts")
    .set({ followers_count: bump("followers_count") })
    .where("id", "=", followedId)
    .execute();
}

export async function insertBlock(
  db: Db,
  row: { id: string; accountId: string; targetAccountId: string; uri: string | null; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("blocks")
    .values({
      id: row.id,
      account_id: row.accountId,
      target_account_id: row.targetAccountId,
      uri: row.uri,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

/** Whether `a` blocks `t` and whether `t` blocks `a`, in one query. */
export async function blocksBetween(
  db: Db,
  a: string,
  t: string,
): Promise<{ blocking: boolean; blockedBy: boolean }> {
  const rows = await db
    .selectFrom("blocks")
    .select(["account_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", a), eb("target_account_id", "=", t)]),
        eb.and([eb("account_id", "=", t), eb("target_account_id", "=", a)]),
      ]),
    )
    .execute();
  return {
    blocking: rows.some((r) => String(r.account_id) === a),
    blockedBy: rows.some((r) => String(r.account_id) === t),
  };
}

/** Creates or replaces a mute (a new duration or notification choice overwrites the old). */
export async function upsertMute(
  db: Db,
  row: {
    id: string;
    accountId: string;
    targetAccountId: string;
    hideNotifications: boolean;
    expiresAt: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("mutes")
    .values({
      id: row.id,
      account_id: row.accountId,
      target_account_id: row.targetAccountId,
      hide_notifications: row.hideNotifications,
      expires_at: row.expiresAt,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["account_id", "target_account_id"]).doUpdateSet({
        hide_notifications: row.hideNotifications,
        expires_at: row.expiresAt,
        updated_at: row.at,
      }),
    )
    .execute();
}

/** Sets the private note on an account; an empty comment removes it. */
export async function upsertNote(
  db: Db,
  row: { id: string; accountId: string; targetAccountId: string; comment: string; at: string },
): Promise<void> {
  if (row.comment === "") {
    await deletePair(db, "account_notes", row.accountId, row.targetAccountId);
    return;
  }
  await db
    .insertInto("account_notes")
    .values({
      id: row.id,
      account_id: row.accountId,
      target_account_id: row.targetAccountId,
      comment: row.comment,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(["account_id", "target_account_id"])
        .doUpdateSet({ comment: row.comment, updated_at: row.at }),
    )
    .execute();
}

/** Endorses (features) an account on a profile; nothing when already endorsed. */
export async function insertEndorsement(
  db: Db,
  id: string,
  accountId: string,
  targetAccountId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto("account_pins")
    .values({ id, account_id: accountId, target_account_id: targetAccountId, created_at: at })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
    .execute();
}
