// What editing a status writes and reads: its revisions (status_edits), the new text on the
// status row, mentions turned silent or loud, the hashtags replaced, and the uploads it keeps,
// gains or lets go. The status row is locked first so two edits of one post run one after
// the other (the first edit records the original exactly once).
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { EditMediaSnapshot, StatusEditsTable } from "../db/schema/index.ts";
import type { MediaRow } from "./media.ts";
import type { StatusRow } from "./statuses.ts";

export type StatusEditRow = Selectable<StatusEditsTable>;

export interface NewStatusEdit {
  id: string;
  statusId: string;
  accountId: string;
  text: string;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  media: EditMediaSnapshot[];
  /** The poll's option titles at this revision (null or omitted: no poll). */
  pollOptions?: string[] | null;
  at: string;
}

/**
 * Takes the row lock on PostgreSQL (SQLite has one writer anyway) and returns the status as
 * it stands inside the transaction.
 */
export async function lockStatus(db: Db, id: string): Promise<StatusRow | undefined> {
  await db
    .updateTable("statuses")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", id)
    .execute();
  return db.selectFrom("statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function hasEdits(db: Db, statusId: string): Promise<boolean> {
  const row = await db
    .selectFrom("status_edits")
    .select("id")
    .where("status_id", "=", statusId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertStatusEdit(db: Db, edit: NewStatusEdit): Promise<void> {
  await db
    .insertInto("status_edits")
    .values({
      id: edit.id,
      status_id: edit.statusId,
      account_id: edit.accountId,
      text: edit.text,
      content: edit.content,
      spoiler_text: edit.spoilerText,
      sensitive: edit.sensitive,
      media: JSON.stringify(edit.media),
      poll_options: edit.pollOptions == null ? null : JSON.stringify(edit.pollOptions),
      created_at: edit.at,
    })
    .execute();
}

/** Revisions of a status, oldest first. */
export async function findEditsOf(db: Db, statusId: string): Promise<StatusEditRow[]> {
  return db
    .selectFrom("status_edits")
    .selectAll()
    .where("status_id", "=", statusId)
    .orderBy("id")
    .execute();
}

export async function updateEditedStatus(
  db: Db,
  id: string,
  changes: {
    text: string;
    content: string;
    spoilerText: string;
    sensitive: boolean;
    language: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .updateTable("statuses")
    .set({
      text: changes.text,
      content: changes.content,
      spoiler_text: changes.spoilerText,
      sensitive: changes.sensitive,
      language: changes.language,
      edited_at: changes.at,
      updated_at: changes.at,
    })
    .where("id", "=", id)
    .execute();
}

/** Mentions already on the status, silent or not. */
export async function findMentionRows(
  db: Db,
  statusId: string,
): Promise<{ accountId: string; silent: boolean }[]> {
  const rows = await db
    .selectFrom("mentions")
    .select(["account_id", "silent"])
    .where("status_id", "=", statusId)
    .execute();
  return rows.map((r) => ({ accountId: String(r.account_id), silent: Boolean(r.silent) }));
}

export async function setMentionsSilent(
  db: Db,
  statusId: string,
  accountIds: string[],
  silent: boolean,
): Promise<void> {
  if (accountIds.length === 0) return;
  await db
    .updateTable("mentions")
    .set({ silent })
    .where("status_id", "=", statusId)
    .where("account_id", "in", accountIds)
    .execute();
}

export async function removeStatusTags(db: Db, statusId: string): Promise<void> {
  await db.deleteFrom("status_tags").where("status_id", "=", statusId).execute();
}

/** Lets go of this status's uploads not in `keep` (they become free, as fresh uploads). */
export async function detachMediaExcept(db: Db, statusId: string, keep: string[]): Promise<void> {
  let query = db
    .updateTable("media_attachments")
    .set({ status_id: null })
    .where("status_id", "=", statusId);
  if (keep.length > 0) query = query.where("id", "not in", keep);
  await query.execute();
}

/** Uploads by id (history: what a revision showed), whatever they are attached to now. */
export async function findMediaByIds(db: Db, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("media_attachments").selectAll().where("id", "in", ids).execute();
}
