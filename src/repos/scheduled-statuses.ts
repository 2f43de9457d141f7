// Scheduled statuses: one row per post waiting for its time, with the parameters it will be
// posted with, and the uploads it reserves (media_attachments.scheduled_status_id).
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { ScheduledStatusesTable, ScheduledStatusParams } from "../db/schema/index.ts";
import { isFree, type MediaRow } from "./media.ts";

export type ScheduledStatusRow = Selectable<ScheduledStatusesTable>;

export async function insertScheduledStatus(
  db: Db,
  row: {
    id: string;
    accountId: string;
    scheduledAt: string;
    params: ScheduledStatusParams;
    idempotencyKey: string | null;
    at: string;
  },
): Promise<ScheduledStatusRow> {
  return db
    .insertInto("scheduled_statuses")
    .values({
      id: row.id,
      account_id: row.accountId,
      scheduled_at: row.scheduledAt,
      params: JSON.stringify(row.params),
      idempotency_key: row.idempotencyKey,
      created_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account's pending posts, and those scheduled within [dayStart, dayEnd). */
export async function countScheduledStatuses(
  db: Db,
  accountId: string,
  day: [string, string],
  exceptId?: string,
): Promise<{ total: number; onDay: number }> {
  let query = db
    .selectFrom("scheduled_statuses")
    .select((eb) => [
      eb.fn.countAll().as("total"),
      sql<
        number | string
      >`sum(case when scheduled_at >= ${day[0]} and scheduled_at < ${day[1]} then 1 else 0 end)`.as(
        "on_day",
      ),
    ])
    .where("account_id", "=", accountId);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  const row = await query.executeTakeFirstOrThrow();
  return { total: Number(row.total), onDay: Number(row.on_day ?? 0) };
}

/** One of the account's scheduled posts (undefined for another's or an unknown id). */
export async function findOwnScheduledStatus(
  db: Db,
  accountId: string,
  id: string,
): Promise<ScheduledStatusRow | undefined> {
  return db
    .selectFrom("scheduled_statuses")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** The account's scheduled post made with this Idempotency-Key since `since`, if any. */
export async function findIdempotentScheduled(
  db: Db,
  accountId: string,
  key: string,
  since: string,
): Promise<ScheduledStatusRow | undefined> {
  return db
    .selectFrom("scheduled_statuses")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("idempotency_key", "=", key)
    .where("created_at", ">=", since)
    .executeTakeFirst();
}

export async function findScheduledStatus(
  db: Db,
  id: string,
): Promise<ScheduledStatusRow | undefined> {
  return db.selectFrom("scheduled_statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The account's scheduled posts, newest first by id (Mastodon pages them by id). */
export async function listScheduledStatuses(
  db: Db,
  accountId: string,
  page: Page,
): Promise<ScheduledStatusRow[]> {
  const rows = await paginate(
    db.selectFrom("scheduled_statuses").selectAll().where("account_id", "=", accountId),
    "id",
    page,
  ).execute();
  return inDisplayOrder(rows, page);
}

export async function rescheduleStatus(db: Db, id: string, scheduledAt: string): Promise<void> {
  await db
    .updateTable("scheduled_statuses")
    .set({ scheduled_at: scheduledAt })
    .where("id", "=", id)
    .execute();
}

/**
 * Deletes the row and frees its uploads (they become ordinary unattached uploads, which the
 * orphan cleanup removes a day after upload); false when it was gone already.
 */
export async function deleteScheduledStatus(db: Db, id: string): Promise<boolean> {
  await db
    .updateTable("media_attachments")
    .set({ scheduled_status_id: null })
    .where("scheduled_status_id", "=", id)
    .execute();
  const result = await db.deleteFrom("scheduled_statuses").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Reserves uploads for a scheduled post; false when one was taken meanwhile. */
export async function reserveMedia(
  db: Db,
  scheduledStatusId: string,
  ids: readonly string[],
): Promise<boolean> {
  if (ids.length === 0) return true;
  const result = await db
    .updateTable("media_attachments")
    .set({ scheduled_status_id: scheduledStatusId })
    .where("id", "in", [...ids])
    .where(isFree)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === ids.length;
}

/** Uploads reserved by these scheduled posts, oldest upload first. */
export async function findMediaOfScheduled(
  db: Db,
  scheduledIds: readonly string[],
): Promise<MediaRow[]> {
  if (scheduledIds.length === 0) return [];
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("scheduled_status_id", "in", [...scheduledIds])
    .orderBy("id")
    .execute();
}
