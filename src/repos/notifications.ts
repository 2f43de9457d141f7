// The notifications table: insert (deduplicated), the group a new one joins, the v1 page,
// the marker's position, and removal. Groups (v2) are in notification-groups.ts.
//
// Notification ids are a sequence (migration 0022): SQLite reads them as numbers, so every
// id leaves this file as a string.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { Database } from "../db/schema/index.ts";

export interface NotificationRow {
  id: string;
  account_id: string;
  from_account_id: string;
  type: string;
  status_id: string | null;
  group_key: string | null;
  filtered: boolean;
  created_at: string;
  /** `admin.report`: the report named. */
  report_id: string | null;
}

export interface NewNotification {
  accountId: string;
  fromAccountId: string;
  type: string;
  statusId: string | null;
  groupKey: string | null;
  dedupeKey: string | null;
  filtered: boolean;
  at: string;
  reportId?: string | null;
}

/** Which notifications a list shows (Mastodon's Notification.browserable). */
export interface NotificationFilter {
  /** null: every type. */
  types: readonly string[] | null;
  fromAccountId?: string | undefined;
  includeFiltered: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: rows from both drivers are normalized here
export function toNotificationRow(r: any): NotificationRow {
  return {
    id: String(r.id),
    account_id: String(r.account_id),
    from_account_id: String(r.from_account_id),
    type: r.type,
    status_id: r.status_id === null ? null : String(r.status_id),
    group_key: r.group_key,
    filtered: Boolean(r.filtered),
    created_at: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    report_id: r.report_id == null ? null : String(r.report_id),
  };
}

export const NOTIFICATION_COLUMNS = [
  "notifications.id",
  "notifications.account_id",
  "notifications.from_account_id",
  "notifications.type",
  "notifications.status_id",
  "notifications.group_key",
  "notifications.filtered",
  "notifications.created_at",
  "notifications.report_id",
] as const;

/** The new row, or undefined when the same event already notified this recipient. */
export async function insertNotification(
  db: Db,
  n: NewNotification,
): Promise<NotificationRow | undefined> {
  const row = await db
    .insertInto("notifications")
    .values({
      account_id: n.accountId,
      from_account_id: n.fromAccountId,
      type: n.type,
      status_id: n.statusId,
      group_key: n.groupKey,
      dedupe_key: n.dedupeKey,
      filtered: n.filtered,
      created_at: n.at,
      report_id: n.reportId ?? null,
    })
    .onConflict((oc) => oc.columns(["account_id", "dedupe_key"]).doNothing())
    .returning(NOTIFICATION_COLUMNS)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotificationRow(row);
}

/** The newest group among `keys` that was added to since `since`: the one to join. */
export async function findRecentGroupKey(
  db: Db,
  accountId: string,
  keys: readonly string[],
  since: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("notifications")
    .select("group_key")
    .where("account_id", "=", accountId)
    .where("group_key", "in", [...keys])
    .where("created_at", ">", since)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.group_key ?? undefined;
}

export function browsable(accountId: string, filter: NotificationFilter) {
  return (eb: ExpressionBuilder<Database, "notifications">) => {
    const parts: Expression<SqlBool>[] = [eb("notifications.account_id", "=", accountId)];
    // Notifications from suspended accounts stay hidden (Mastodon's without_suspended).
    parts.push(
      eb.exists(
        eb
          .selectFrom("accounts as sender")
          .select(sql`1`.as("one"))
          .whereRef("sender.id", "=", "notifications.from_account_id")
          .where("sender.suspended_at", "is", null),
      ),
    );
    // Asking for one sender shows their filtered ones too, as Mastodon.
    if (filter.fromAccountId !== undefined)
      parts.push(eb("notifications.from_account_id", "=", filter.fromAccountId));
    else if (!filter.includeFiltered) parts.push(eb("notifications.filtered", "=", false));
    if (filter.types !== null)
      parts.push(
        filter.types.length === 0
          ? sql<SqlBool>`1 = 0`
          : eb("notifications.type", "in", [...filter.types]),
      );
    return eb.and(parts);
  };
}

export async function findNotificationPage(
  db: Db,
  accountId: string,
  filter: NotificationFilter,
  page: Page,
): Promise<NotificationRow[]> {
  const query = db
    .selectFrom("notifications")
    .select(NOTIFICATION_COLUMNS)
    .where(browsable(accountId, filter));
  const rows = await paginate(query, "notifications.id", page).execute();
  return inDisplayOrder(rows.map(toNotificationRow), page);
}

export async function findNotification(
  db: Db,
  accountId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  const row = await db
    .selectFrom("notifications")
    .select(NOTIFICATION_COLUMNS)
    .where(browsable(accountId, { types: null, includeFiltered: true }))
    .where("notifications.id", "=", id)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotificationRow(row);
}

/** The notifications marker's position, if the user has one. */
export async function findNotificationsMarker(
  db: Db,
  accountId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("markers")
    .select("last_read_id")
    .where("account_id", "=", accountId)
    .where("timeline", "=", "notifications")
    .executeTakeFirst();
  return row === undefined ? undefined : String(row.last_read_id);
}

export async function deleteNotifications(
  db: Db,
  accountId: string,
  which: { id?: string; groupKey?: string; fromAccountId?: string; filteredOnly?: boolean } = {},
): Promise<number> {
  let query = db.deleteFrom("notifications").where("account_id", "=", accountId);
  if (which.id !== undefined) query = query.where("id", "=", which.id);
  if (which.groupKey !== undefined) query = query.where("group_key", "=", which.groupKey);
  if (which.fromAccountId !== undefined)
    query = query.where("from_account_id", "=", which.fromAccountId);
  if (which.filteredOnly) query = query.where("filtered", "=", true);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Accepting a request: the sender's filtered notifications join the others (ungrouped). */
export async function unfilterFrom(
  db: Db,
  accountId: string,
  fromAccountId: string,
): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ filtered: false })
    .where("account_id", "=", accountId)
    .where("from_account_id", "=", fromAccountId)
    .where("filtered", "=", true)
    .execute();
}

/** Filtered mentions from a sender, capped: a request's notifications_count. */
export async function countFilteredMentions(
  db: Db,
  accountId: string,
  fromAccountId: string,
  cap: number,
): Promise<number> {
  const row = await db
    .selectFrom(
      db
        .selectFrom("notifications")
        .select("id")
        .where("account_id", "=", accountId)
        .where("from_account_id", "=", fromAccountId)
        .where("type", "=", "mention")
        .where("filtered", "=", true)
        .limit(cap)
        .as("f"),
    )
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Removes the notification an event made (undone favourite, boost, follow…), if any. */
export async function deleteByDedupeKey(db: Db, accountId: string, key: string): Promise<void> {
  await db
    .deleteFrom("notifications")
    .where("account_id", "=", accountId)
    .where("dedupe_key", "=", key)
    .execute();
}
