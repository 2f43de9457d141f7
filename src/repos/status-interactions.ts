// Favourites, bookmarks and pins: one row per (account, status) pair. Writes are idempotent
// (insert or delete reports whether a row changed, so counters move once); reads are batched
// for hydration (one query per flag for a whole page) and the lists go through the shared
// visibility rule (db/queries/visible-to.ts).
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { StatusRow } from "./statuses.ts";

export type MarkTable = "favourites" | "bookmarks";

/** Inserts the pair unless present; true when a row was added. */
export async function insertMark(
  db: Db,
  table: MarkTable,
  row: { id: string; accountId: string; statusId: string; at: string; uri?: string | null },
): Promise<boolean> {
  const values = {
    id: row.id,
    account_id: row.accountId,
    status_id: row.statusId,
    created_at: row.at,
  };
  const inserted =
    table === "favourites"
      ? await db
          .insertInto("favourites")
          .values({ ...values, uri: row.uri ?? null })
          .onConflict((oc) => oc.columns(["account_id", "status_id"]).doNothing())
          .returning("id")
          .execute()
      : await db
          .insertInto("bookmarks")
          .values(values)
          .onConflict((oc) => oc.columns(["account_id", "status_id"]).doNothing())
          .returning("id")
          .execute();
  return inserted.length > 0;
}

/** Deletes the pair; true when a row was there. */
export async function deleteMark(
  db: Db,
  table: MarkTable | "status_pins",
  accountId: string,
  statusId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where("account_id", "=", accountId)
    .where("status_id", "=", statusId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Pins the pair unless pinned; true when a row was added. */
export async function insertPin(
  db: Db,
  row: { accountId: string; statusId: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("status_pins")
    .values({ account_id: row.accountId, status_id: row.statusId, created_at: row.at })
    .onConflict((oc) => oc.columns(["account_id", "status_id"]).doNothing())
    .returning("status_id")
    .execute();
  return inserted.length > 0;
}

/** How many of its live statuses `accountId` has pinned (deleted ones do not count). */
export async function countPins(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("status_pins")
    .innerJoin("statuses", "statuses.id", "status_pins.status_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status_pins.account_id", "=", accountId)
    .where("statuses.deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Among `statusIds`, those `accountId` has in `table`: one query for a page. */
export async function findMarkedAmong(
  db: Db,
  table: MarkTable | "status_pins",
  accountId: string,
  statusIds: readonly string[],
): Promise<Set<string>> {
  if (statusIds.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select("status_id")
    .where("account_id", "=", accountId)
    .where("status_id", "in", [...statusIds])
    .execute();
  return new Set(rows.map((r) => String(r.status_id)));
}

export interface ViewerMarks {
  favourited: Set<string>;
  bookmarked: Set<string>;
  pinned: Set<string>;
  /** Statuses the viewer has boosted (a live boost of theirs). */
  reblogged: Set<string>;
  /** Conversation ids the viewer muted. */
  muted: Set<string>;
}

export const NO_MARKS: Readonly<ViewerMarks> = Object.freeze({
  favourited: new Set<string>(),
  bookmarked: new Set<string>(),
  pinned: new Set<string>(),
  reblogged: new Set<string>(),
  muted: new Set<string>(),
});

/**
 * The viewer's favourites, bookmarks and boosts among `statusIds`, pins among `ownIds` and
 * muted threads among `conversationIds`, in one query for a whole page (hydration).
 */
export async function findViewerMarks(
  db: Db,
  viewerId: string,
  statusIds: readonly string[],
  ownIds: readonly string[],
  conversationIds: readonly string[] = [],
): Promise<ViewerMarks> {
  const marks: ViewerMarks = {
    favourited: new Set(),
    bookmarked: new Set(),
    pinned: new Set(),
    reblogged: new Set(),
    muted: new Set(),
  };
  if (statusIds.length === 0) return marks;
  const of = (table: "favourites" | "bookmarks" | "status_pins", kind: string, ids: string[]) =>
    db
      .selectFrom(table)
      .select([sql<string>`${sql.lit(kind)}`.as("kind"), "status_id"])
      .where("account_id", "=", viewerId)
      .where("status_id", "in", ids);
  let query = of("favourites", "f", [...statusIds]).unionAll(of("bookmarks", "b", [...statusIds]));
  if (ownIds.length > 0) query = query.unionAll(of("status_pins", "p", [...ownIds]));
  query = query.unionAll(
    db
      .selectFrom("statuses")
      .select([sql<string>`${sql.lit("r")}`.as("kind"), sql<string>`reblog_of_id`.as("status_id")])
      .where("account_id", "=", viewerId)
      .where("reblog_of_id", "in", [...statusIds])
      .where("deleted_at", "is", null),
  );
  if (conversationIds.length > 0)
    query = query.unionAll(
      db
        .selectFrom("conversation_mutes")
        .select([
          sql<string>`${sql.lit("m")}`.as("kind"),
          sql<string>`conversation_id`.as("status_id"),
        ])
        .where("account_id", "=", viewerId)
        .where("conversation_id", "in", [...conversationIds]),
    );
  const sets: Record<string, Set<string>> = {
    f: marks.favourited,
    b: marks.bookmarked,
    p: marks.pinned,
    r: marks.reblogged,
    m: marks.muted,
  };
  for (const row of await query.execute()) sets[row.kind]?.add(String(row.status_id));
  return marks;
}

export interface MarkedStatus {
  /** The favourite or bookmark row's id: the page cursor. */
  cursor: string;
  status: StatusRow;
}

/** One's favourites or bookmarks, newest first, of statuses still visible to them. */
export async function listMarkedStatuses(
  db: Db,
  table: MarkTable,
  accountId: string,
  page: Page,
): Promise<MarkedStatus[]> {
  const query = db
    .selectFrom(table)
    .innerJoin("statuses", "statuses.id", `${table}.status_id`)
    .selectAll("statuses")
    .select(sql<string>`${sql.ref(`${table}.id`)}`.as("mark_id"))
    .where(`${table}.account_id`, "=", accountId)
    .where(visibleTo(accountId));
  const rows = inDisplayOrder(await paginate(query, `${table}.id`, page).execute(), page);
  return rows.map(({ mark_id, ...status }) => ({ cursor: String(mark_id), status }));
}

/** Every bookmarked status still visible to `accountId`, newest bookmark first (exports). */
export async function listAllBookmarkedStatuses(db: Db, accountId: string): Promise<StatusRow[]> {
  return db
    .selectFrom("bookmarks")
    .innerJoin("statuses", "statuses.id", "bookmarks.status_id")
    .selectAll("statuses")
    .where("bookmarks.account_id", "=", accountId)
    .where(visibleTo(accountId))
    .orderBy("bookmarks.id", "desc")
    .execute();
}

/** Who favourited `statusId`, newest first: account ids with the favourite row as cursor. */
export async function listFavouriters(
  db: Db,
  statusId: string,
  page: Page,
): Promise<{ cursor: string; accountId: string }[]> {
  const query = db
    .selectFrom("favourites")
    .innerJoin("accounts", "accounts.id", "favourites.account_id")
    .select(["favourites.id", "favourites.account_id"])
    .where("favourites.status_id", "=", statusId)
    .where("accounts.suspended_at", "is", null);
  const rows = inDisplayOrder(await paginate(query, "favourites.id", page).execute(), page);
  return rows.map((r) => ({ cursor: String(r.id), accountId: String(r.account_id) }));
}

/** `accountId`'s pinned statuses that `viewerId` may see, paginated by status id. */
export async function listPinnedStatuses(
  db: Db,
  accountId: string,
  viewerId: string | null,
  page: Page,
): Promise<StatusRow[]> {
  const query = db
    .selectFrom("status_pins")
    .innerJoin("statuses", "statuses.id", "status_pins.status_id")
    .selectAll("statuses")
    .where("status_pins.account_id", "=", accountId)
    .where("statuses.account_id", "=", accountId)
    .where(visibleTo(viewerId));
  return inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
}
