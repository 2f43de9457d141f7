// Media attachment rows. Uploads belong to one account; until a status carries them
// (status_id set by the posting code) their owner may describe, refocus or delete them.
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { Database, MediaAttachmentsTable, MediaMeta } from "../db/schema/index.ts";

export type MediaRow = Selectable<MediaAttachmentsTable>;

export interface NewMedia {
  id: string;
  accountId: string;
  type: MediaAttachmentsTable["type"];
  description: string | null;
  focus: { x: number; y: number } | null;
  /** The stored upload awaiting processing: file_key until done, so deleting the row drops it. */
  originalKey: string;
  at: string;
}

export async function insertMedia(db: Db, media: NewMedia): Promise<MediaRow> {
  return db
    .insertInto("media_attachments")
    .values({
      id: media.id,
      account_id: media.accountId,
      type: media.type,
      description: media.description,
      focus_x: media.focus?.x ?? null,
      focus_y: media.focus?.y ?? null,
      file_key: media.originalKey,
      processing: "processing",
      created_at: media.at,
      updated_at: media.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account's upload with this id, or undefined (unknown id or someone else's). */
export async function findOwnMedia(
  db: Db,
  accountId: string,
  id: string,
): Promise<MediaRow | undefined> {
  if (!/^\d{1,19}$/.test(id)) return undefined;
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

export async function findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom("media_attachments").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface ProcessedFiles {
  type: MediaAttachmentsTable["type"];
  fileKey: string;
  fileContentType: string;
  fileSize: number;
  previewKey: string | null;
  blurhash: string | null;
  meta: MediaMeta;
}

/**
 * Marks processing done; false when the row was deleted or finished by another run meanwhile
 * (the caller drops its files).
 */
export async function completeMedia(
  db: Db,
  id: string,
  files: ProcessedFiles,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("media_attachments")
    .set({
      type: files.type,
      file_key: files.fileKey,
      file_content_type: files.fileContentType,
      file_size: String(files.fileSize),
      preview_key: files.previewKey,
      blurhash: files.blurhash,
      meta: JSON.stringify(files.meta),
      processing: "done",
      updated_at: at,
    })
    .where("id", "=", id)
    .where("processing", "=", "processing")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks processing failed (no file any more); a row already finished is left alone. */
export async function failMedia(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable("media_attachments")
    .set({ processing: "failed", file_key: null, updated_at: at })
    .where("id", "=", id)
    .where("processing", "=", "processing")
    .execute();
}

export async function updateMediaDetails(
  db: Db,
  id: string,
  changes: { description?: string | null; focus?: { x: number; y: number } | null },
  at: string,
): Promise<void> {
  await db
    .updateTable("media_attachments")
    .set({
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.focus === undefined
        ? {}
        : { focus_x: changes.focus?.x ?? null, focus_y: changes.focus?.y ?? null }),
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Deletes the row if it is still unattached; returns it (for its files), or undefined when it
 * was gone or a status took it meanwhile.
 */
export async function deleteUnattachedMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db
    .deleteFrom("media_attachments")
    .where("id", "=", id)
    .where(isFree)
    .where(unreserved())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Uploads nobody uses since before `before`, oldest first: never attached and uploaded then,
 * or attached to a post deleted then (kept a while for delete-and-redraft).
 */
export async function findOrphanMedia(db: Db, before: string, limit: number): Promise<MediaRow[]> {
  return (
    db
      .selectFrom("media_attachments")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb("status_id", "is", null), eb("created_at", "<", before)]),
          eb(
            "status_id",
            "in",
            eb.selectFrom("statuses").select("id").where("deleted_at", "<", before),
          ),
        ]),
      )
      // Held for a scheduled post: not an orphan, however old.
      .where(unreserved())
      .orderBy("created_at")
      .limit(limit)
      .execute()
  );
}

/**
 * An upload no living post uses: never attached, or attached to a deleted post. Deleted posts
 * leave their media free, so delete-and-redraft can attach the same pictures again (as
 * Mastodon); the orphan cleanup removes them a day later otherwise.
 */
export function isFree(eb: ExpressionBuilder<Database, "media_attachments">) {
  return eb.or([
    eb("status_id", "is", null),
    eb(
      "status_id",
      "in",
      eb.selectFrom("statuses").select("id").where("deleted_at", "is not", null),
    ),
  ]);
}

/**
 * Not held for a scheduled post (media_attachments.scheduled_status_id), except by
 * `reservedFor`: the scheduled post now being published may use its own uploads.
 */
export function unreserved(reservedFor?: string) {
  return (eb: ExpressionBuilder<Database, "media_attachments">) =>
    reservedFor === undefined
      ? eb("scheduled_status_id", "is", null)
      : eb.or([eb("scheduled_status_id", "is", null), eb("scheduled_status_id", "=", reservedFor)]);
}

/** The account's uploads among `ids` that no status (nor other scheduled post) uses yet. */
export async function findAttachableMedia(
  db: Db,
  accountId: string,
  ids: string[],
  reservedFor?: string,
): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("id", "in", ids)
    .where("account_id", "=", accountId)
    .where(isFree)
    .where(unreserved(reservedFor))
    .execute();
}

/** Attaches uploads to a status; false when one was taken meanwhile (the caller rolls back). */
export async function attachMedia(
  db: Db,
  statusId: string,
  ids: string[],
  reservedFor?: string,
): Promise<boolean> {
  if (ids.length === 0) return true;
  const result = await db
    .updateTable("media_attachments")
    .set({ status_id: statusId, scheduled_status_id: null })
    .where("id", "in", ids)
    .where(isFree)
    .where(unreserved(reservedFor))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === ids.length;
}

/** Attachments of these statuses, oldest upload first (the order people added them). */
export async function findMediaOfStatuses(db: Db, statusIds: string[]): Promise<MediaRow[]> {
  if (statusIds.length === 0) return [];
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("status_id", "in", statusIds)
    .orderBy("id")
    .execute();
}

/** A batch of an account's uploads (attached or not): purging a deleted account. */
export async function findMediaOfAccount(
  db: Db,
  accountId: string,
  limit: number,
): Promise<MediaRow[]> {
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function deleteMediaRows(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom("media_attachments")
    .where("id", "in", [...ids])
    .execute();
}
