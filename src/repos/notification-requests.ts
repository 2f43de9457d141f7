// Notification requests (a stranger's filtered mentions, one row per sender) and the
// senders a user accepted, whose notifications the policy no longer filters.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";

export interface RequestRow {
  id: string;
  account_id: string;
  from_account_id: string;
  last_status_id: string | null;
  notifications_count: number;
  created_at: string;
  updated_at: string;
}

const REQUEST_COLUMNS = [
  "notification_requests.id",
  "notification_requests.account_id",
  "notification_requests.from_account_id",
  "notification_requests.last_status_id",
  "notification_requests.notifications_count",
  "notification_requests.created_at",
  "notification_requests.updated_at",
] as const;

/** Creates the request from this sender or moves it on to their latest filtered mention. */
export async function upsertRequest(
  db: Db,
  row: {
    id: string;
    accountId: string;
    fromAccountId: string;
    lastStatusId: string;
    count: number;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto("notification_requests")
    .values({
      id: row.id,
      account_id: row.accountId,
      from_account_id: row.fromAccountId,
      last_status_id: row.lastStatusId,
      notifications_count: row.count,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["account_id", "from_account_id"]).doUpdateSet({
        last_status_id: row.lastStatusId,
        notifications_count: row.count,
        updated_at: row.at,
      }),
    )
    .execute();
}

function visibleRequests(db: Db, accountId: string) {
  // Requests from suspended accounts are hidden (Mastodon's without_suspended).
  return db
    .selectFrom("notification_requests")
    .innerJoin("accounts", "accounts.id", "notification_requests.from_account_id")
    .select(REQUEST_COLUMNS)
    .where("notification_requests.account_id", "=", accountId)
    .where("accounts.suspended_at", "is", null);
}

export async function findRequestPage(
  db: Db,
  accountId: string,
  page: Page,
): Promise<RequestRow[]> {
  const rows = await paginate(
    visibleRequests(db, accountId),
    "notification_requests.id",
    page,
  ).execute();
  return inDisplayOrder(rows, page).map((r) => ({
    ...r,
    notifications_count: Number(r.notifications_count),
  }));
}

export async function findRequests(
  db: Db,
  accountId: string,
  ids: readonly string[],
): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const rows = await visibleRequests(db, accountId)
    .where("notification_requests.id", "in", [...ids])
    .execute();
  return rows.map((r) => ({ ...r, notifications_count: Number(r.notifications_count) }));
}

export async function deleteRequest(db: Db, id: string): Promise<void> {
  await db.deleteFrom("notification_requests").where("id", "=", id).execute();
}

export async function insertPermission(
  db: Db,
  row: { id: string; accountId: string; fromAccountId: string; at: string },
): Promise<void> {
  await db
    .insertInto("notification_permissions")
    .values({
      id: row.id,
      account_id: row.accountId,
      from_account_id: row.fromAccountId,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["account_id", "from_account_id"]).doNothing())
    .execute();
}

/** Pending requests and their notifications, each count capped at `cap` requests. */
export async function summarizeRequests(
  db: Db,
  accountId: string,
  cap: number,
): Promise<{ requests: number; notifications: number }> {
  const row = await db
    .selectFrom(
      db
        .selectFrom("notification_requests")
        .innerJoin("accounts", "accounts.id", "notification_requests.from_account_id")
        .select("notification_requests.notifications_count")
        .where("notification_requests.account_id", "=", accountId)
        .where("accounts.suspended_at", "is", null)
        .limit(cap)
        .as("r"),
    )
    .select([
      sql<number>`count(*)`.as("requests"),
      sql<number>`coalesce(sum(r.notifications_count), 0)`.as("notifications"),
    ])
    .executeTakeFirst();
  return { requests: Number(row?.requests ?? 0), notifications: Number(row?.notifications ?? 0) };
}
