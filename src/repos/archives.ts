// Account archives: the request rows, the account's own posts, likes and bookmarks as the
// archive lists them. Every status read is the owner's view (db/queries/visible-to.ts).
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { AccountArchivesTable } from "../db/schema/index.ts";
import type { StatusRow } from "./statuses.ts";

export type ArchiveRow = AccountArchivesTable;

export async function insertArchive(db: Db, row: ArchiveRow): Promise<void> {
  await db.insertInto("account_archives").values(row).execute();
}

export async function findArchive(db: Db, id: string): Promise<ArchiveRow | undefined> {
  if (!/^\d{1,19}$/.test(id)) return undefined;
  return db.selectFrom("account_archives").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The account's newest request (built or not). */
export async function findLatestArchive(
  db: Db,
  accountId: string,
): Promise<ArchiveRow | undefined> {
  return db
    .selectFrom("account_archives")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function markArchiveBuilt(
  db: Db,
  id: string,
  fileKey: string,
  size: number,
  at: string,
): Promise<void> {
  await db
    .updateTable("account_archives")
    .set({ file_key: fileKey, file_size: size, processed_at: at })
    .where("id", "=", id)
    .execute();
}

/** Requests made before `before`: the cleanup deletes their files, then the rows. */
export async function listArchivesBefore(db: Db, before: string, limit: number) {
  return db
    .selectFrom("account_archives")
    .select(["id", "file_key"])
    .where("created_at", "<", before)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function deleteArchives(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("account_archives").where("id", "in", ids).execute();
}

export interface ArchivedPost {
  status: StatusRow;
  reblogOfUri: string | null;
}

/** A page of the account's own posts and boosts, oldest first, every visibility. */
export async function listOwnPosts(
  db: Db,
  accountId: string,
  afterId: string | null,
  limit: number,
): Promise<ArchivedPost[]> {
  let query = db
    .selectFrom("statuses")
    .leftJoin("statuses as original", "original.id", "statuses.reblog_of_id")
    .selectAll("statuses")
    .select("original.uri as reblog_of_uri")
    .where("statuses.account_id", "=", accountId)
    .where("statuses.deleted_at", "is", null)
    .where(visibleTo(accountId));
  if (afterId !== null) query = query.where(sql<boolean>`statuses.id > cast(${afterId} as bigint)`);
  const rows = await query.orderBy("statuses.id", "asc").limit(limit).execute();
  return rows.map(({ reblog_of_uri, ...status }) => ({
    status: status as StatusRow,
    reblogOfUri: reblog_of_uri ?? null,
  }));
}

/** URIs of the posts the account liked or bookmarked that it may still see, oldest first. */
export async function listInteractionUris(
  db: Db,
  table: "favourites" | "bookmarks",
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .innerJoin("statuses", "statuses.id", `${table}.status_id`)
    .select("statuses.uri")
    .where(`${table}.account_id`, "=", accountId)
    .where("statuses.deleted_at", "is", null)
    .where(visibleTo(accountId))
    .orderBy(`${table}.id`, "asc")
    .execute();
  return rows.map((r) => r.uri);
}

/** The storage keys of the account's uploads attached to posts (the archive's media). */
export async function listOwnMediaKeys(db: Db, accountId: string) {
  return db
    .selectFrom("media_attachments")
    .select(["id", "file_key", "file_content_type"])
    .where("account_id", "=", accountId)
    .where("status_id", "is not", null)
    .where("file_key", "is not", null)
    .orderBy("id")
    .execute();
}

/** Where to mail the owner: the address of the account's user. */
export async function findOwnerEmail(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("email")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.email;
}
