// Writes of statuses and what hangs off them (mentions, hashtags, idempotency keys), and the
// counters they move. Reads for hydration and lists are in status-reads.ts.
import { type Insertable, type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import type { StatusesTable } from "../db/schema/index.ts";

export type StatusRow = Selectable<StatusesTable>;

export async function insertStatus(db: Db, row: Insertable<StatusesTable>): Promise<void> {
  await db.insertInto("statuses").values(row).execute();
}

export async function insertMentions(
  db: Db,
  rows: { id: string; statusId: string; accountId: string; silent: boolean }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("mentions")
    .values(
      rows.map((r) => ({
        id: r.id,
        status_id: r.statusId,
        account_id: r.accountId,
        silent: r.silent,
      })),
    )
    .execute();
}

/** The tags with these names, created when new; keyed by lower-case name. */
export async function upsertTags(
  db: Db,
  names: { name: string; displayName: string; id: string }[],
  at: string,
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  await db
    .insertInto("tags")
    .values(
      names.map((n) => ({ id: n.id, name: n.name, display_name: n.displayName, created_at: at })),
    )
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const rows = await db
    .selectFrom("tags")
    .select(["id", "name"])
    .where(
      "name",
      "in",
      names.map((n) => n.name),
    )
    .execute();
  return new Map(rows.map((r) => [r.name, String(r.id)]));
}

export async function insertStatusTags(db: Db, statusId: string, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  await db
    .insertInto("status_tags")
    .values(tagIds.map((tagId) => ({ status_id: statusId, tag_id: tagId })))
    .execute();
}

/** Moves a counter of one status by `delta`, never below zero. */
export async function adjustStatusCount(
  db: Db,
  statusId: string,
  column: "replies_count" | "reblogs_count" | "favourites_count",
  delta: 1 | -1,
): Promise<void> {
  const ref = sql.ref(column);
  await db
    .updateTable("statuses")
    .set({
      [column]: sql<number>`case when ${ref} + ${delta} < 0 then 0 else ${ref} + ${delta} end`,
    })
    .where("id", "=", statusId)
    .execute();
}

/** statuses_count by `delta` (never below zero); a new post also sets last_status_at. */
export async function adjustAccountStatuses(
  db: Db,
  accountId: string,
  delta: 1 | -1,
  lastStatusAt?: string,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({
      statuses_count: sql<number>`case when statuses_count + ${delta} < 0 then 0 else statuses_count + ${delta} end`,
      ...(lastStatusAt === undefined ? {} : { last_status_at: lastStatusAt }),
    })
    .where("id", "=", accountId)
    .execute();
}

/** Soft delete; false when the status was already gone (so counts move once). */
export async function markDeleted(db: Db, statusId: string, at: string): Promise<boolean> {
  const rows = await db
    .updateTable("statuses")
    .set({ deleted_at: at, updated_at: at })
    .where("id", "=", statusId)
    .where("deleted_at", "is", null)
    .returning("id")
    .execute();
  return rows.length > 0;
}

export async function findStatusById(db: Db, id: string): Promise<StatusRow | undefined> {
  return db.selectFrom("statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The status a key made for this account since `since`, if any. */
export async function findIdempotentStatus(
  db: Db,
  accountId: string,
  key: string,
  since: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("idempotency_keys")
    .select("status_id")
    .where("account_id", "=", accountId)
    .where("key", "=", key)
    .where("created_at", ">", since)
    .executeTakeFirst();
  return row === undefined ? undefined : String(row.status_id);
}

/** Records the key, replacing an expired one for the same account. */
export async function saveIdempotencyKey(
  db: Db,
  row: { id: string; accountId: string; key: string; statusId: string; at: string },
): Promise<void> {
  await db
    .insertInto("idempotency_keys")
    .values({
      id: row.id,
      account_id: row.accountId,
      key: row.key,
      status_id: row.statusId,
      created_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(["account_id", "key"])
        .doUpdateSet({ status_id: row.statusId, created_at: row.at }),
    )
    .execute();
}

/** users.settings of a local account (undefined for remote accounts). */
export async function findSettingsOfAccount(
  db: Db,
  accountId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom("users")
    .select("settings")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.settings;
}
