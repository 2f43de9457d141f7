// Filters v2 (0023): a filter (title, contexts, action, expiry) with keywords and statuses,
// all owned by one account. Reads for the API and the active rules for hydration.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import type {
  CustomFilterKeywordsTable,
  CustomFilterStatusesTable,
  CustomFiltersTable,
} from "../db/schema/index.ts";

export type FilterRow = Selectable<CustomFiltersTable>;
export type KeywordRow = Selectable<CustomFilterKeywordsTable>;
export type FilterStatusRow = Selectable<CustomFilterStatusesTable>;

export interface FilterFields {
  title: string;
  context: string[];
  action: string;
  expires_at: string | null;
}

export async function insertFilter(
  db: Db,
  row: FilterFields & { id: string; account_id: string; at: string },
): Promise<void> {
  await db
    .insertInto("custom_filters")
    .values({
      id: row.id,
      account_id: row.account_id,
      title: row.title,
      context: JSON.stringify(row.context),
      action: row.action,
      expires_at: row.expires_at,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export async function updateFilter(
  db: Db,
  id: string,
  changes: Partial<FilterFields>,
  at: string,
): Promise<void> {
  const { context, ...rest } = changes;
  await db
    .updateTable("custom_filters")
    .set({
      ...rest,
      ...(context === undefined ? {} : { context: JSON.stringify(context) }),
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteFilter(db: Db, id: string): Promise<void> {
  await db.deleteFrom("custom_filters").where("id", "=", id).execute();
}

export function findOwnFilter(db: Db, accountId: string, id: string) {
  return db
    .selectFrom("custom_filters")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** Every filter of the account, expired ones too (as Mastodon lists them), oldest first. */
export function findFiltersOf(db: Db, accountId: string): Promise<FilterRow[]> {
  return db
    .selectFrom("custom_filters")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
}

// The streams ask for every viewer of an event at once: in chunks, under both databases'
// limits on bound variables.
const ACCOUNT_CHUNK = 5000;

/** The accounts' filters in force at `now` (no expiry, or one still ahead), oldest first. */
export async function findActiveFilters(
  db: Db,
  accountIds: readonly string[],
  now: string,
): Promise<FilterRow[]> {
  const rows: FilterRow[] = [];
  for (let i = 0; i < accountIds.length; i += ACCOUNT_CHUNK) {
    const chunk = accountIds.slice(i, i + ACCOUNT_CHUNK);
    rows.push(
      ...(await db
        .selectFrom("custom_filters")
        .selectAll()
        .where("account_id", "in", chunk)
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
        .orderBy("id")
        .execute()),
    );
  }
  return rows;
}

export async function countFilters(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("custom_filters")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each filter's keywords in id order (filters in chunks, as findActiveFilters). */
export async function findKeywordsOf(db: Db, filterIds: readonly string[]): Promise<KeywordRow[]> {
  const rows: KeywordRow[] = [];
  for (let i = 0; i < filterIds.length; i += ACCOUNT_CHUNK)
    rows.push(
      ...(await db
        .selectFrom("custom_filter_keywords")
        .selectAll()
        .where("custom_filter_id", "in", filterIds.slice(i, i + ACCOUNT_CHUNK))
        .orderBy("id")
        .execute()),
    );
  return rows;
}

export async function findStatusesOf(
  db: Db,
  filterIds: readonly string[],
): Promise<FilterStatusRow[]> {
  const rows: FilterStatusRow[] = [];
  for (let i = 0; i < filterIds.length; i += ACCOUNT_CHUNK)
    rows.push(
      ...(await db
        .selectFrom("custom_filter_statuses")
        .selectAll()
        .where("custom_filter_id", "in", filterIds.slice(i, i + ACCOUNT_CHUNK))
        .orderBy("id")
        .execute()),
    );
  return rows;
}

export async function insertKeyword(
  db: Db,
  row: { id: string; filterId: string; keyword: string; wholeWord: boolean; at: string },
): Promise<void> {
  await db
    .insertInto("custom_filter_keywords")
    .values({
      id: row.id,
      custom_filter_id: row.filterId,
      keyword: row.keyword,
      whole_word: row.wholeWord,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export async function updateKeyword(
  db: Db,
  id: string,
  changes: { keyword?: string; whole_word?: boolean },
  at: string,
): Promise<void> {
  await db
    .updateTable("custom_filter_keywords")
    .set({ ...changes, updated_at: at })
    .where("id", "=", id)
    .execute();
}

export async function deleteKeywords(db: Db, filterId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .deleteFrom("custom_filter_keywords")
    .where("custom_filter_id", "=", filterId)
    .where("id", "in", [...ids])
    .execute();
}

/** A keyword (or filter status) whose filter belongs to the account. */
export function findOwnKeyword(db: Db, accountId: string, id: string) {
  return db
    .selectFrom("custom_filter_keywords as k")
    .innerJoin("custom_filters as f", "f.id", "k.custom_filter_id")
    .selectAll("k")
    .where("k.id", "=", id)
    .where("f.account_id", "=", accountId)
    .executeTakeFirst();
}

export function findOwnFilterStatus(db: Db, accountId: string, id: string) {
  return db
    .selectFrom("custom_filter_statuses as s")
    .innerJoin("custom_filters as f", "f.id", "s.custom_filter_id")
    .selectAll("s")
    .where("s.id", "=", id)
    .where("f.account_id", "=", accountId)
    .executeTakeFirst();
}

/** Keywords (or statuses) of one filter, for the per-filter caps. */
export async function countFilterParts(
  db: Db,
  table: "custom_filter_keywords" | "custom_filter_statuses",
  filterId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as("n"))
    .where("custom_filter_id", "=", filterId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** false when the filter already names the status. */
export async function insertFilterStatus(
  db: Db,
  row: { id: string; filterId: string; statusId: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("custom_filter_statuses")
    .values({
      id: row.id,
      custom_filter_id: row.filterId,
      status_id: row.statusId,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["custom_filter_id", "status_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function deleteFilterStatus(db: Db, id: string): Promise<void> {
  await db.deleteFrom("custom_filter_statuses").where("id", "=", id).execute();
}
