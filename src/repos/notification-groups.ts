// The v2 side of the notifications table: a page of groups and the per-group data of a page
// (a fixed number of queries per page), a group's head and senders, and unread counts
// (of notifications, or of groups).
import { type SqlBool, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import {
  browsable,
  findNotification,
  NOTIFICATION_COLUMNS,
  type NotificationFilter,
  type NotificationRow,
  toNotificationRow,
} from "./notifications.ts";

/** The key a notification is shown under: its group's when its type is grouped. */
function shownKey(groupedTypes: readonly string[]) {
  const types = groupedTypes.length === 0 ? sql`''` : sql.join(groupedTypes.map((t) => sql`${t}`));
  return sql<string>`coalesce(case when notifications.type in (${types}) then notifications.group_key end, 'ungrouped-' || cast(notifications.id as text))`;
}

/**
 * A page of groups as Mastodon's paginate_groups walks it: going back from max_id (or forward
 * from min_id), the first notification met of each group, `page.limit` groups at most, in
 * display order. A window over the range gives the same rows in one query.
 */
export async function findGroupPage(
  db: Db,
  accountId: string,
  filter: NotificationFilter,
  groupedTypes: readonly string[],
  page: Page,
): Promise<NotificationRow[]> {
  const forward = page.minId !== undefined;
  let inner = db
    .selectFrom("notifications")
    .select([
      ...NOTIFICATION_COLUMNS,
      sql<number>`row_number() over (partition by ${shownKey(groupedTypes)} order by notifications.id ${forward ? sql`asc` : sql`desc`})`.as(
        "rank",
      ),
    ])
    .where(browsable(accountId, filter));
  const id = sql.ref("notifications.id");
  if (page.maxId !== undefined)
    inner = inner.where(sql<SqlBool>`${id} < cast(${page.maxId} as bigint)`);
  if (page.sinceId !== undefined)
    inner = inner.where(sql<SqlBool>`${id} > cast(${page.sinceId} as bigint)`);
  if (page.minId !== undefined)
    inner = inner.where(sql<SqlBool>`${id} > cast(${page.minId} as bigint)`);
  const rows = await db
    .selectFrom(inner.as("ranked"))
    .selectAll()
    .where("ranked.rank", "=", 1)
    .orderBy("ranked.id", forward ? "asc" : "desc")
    .limit(page.limit)
    .execute();
  return inDisplayOrder(rows.map(toNotificationRow), page);
}

export interface GroupData {
  mostRecentId: string;
  count: number;
  /** Oldest id of the group at or after the range's start (page_min_id). */
  minId: string | null;
  latestAt: string;
  sampleAccountIds: string[];
}

/** Per-group data for a page of groups: two queries, whatever the number of groups. */
export async function findGroupData(
  db: Db,
  accountId: string,
  keys: readonly string[],
  range: { from: string | null; to: string | null },
  sampleSize: number,
): Promise<Map<string, GroupData>> {
  const data = new Map<string, GroupData>();
  if (keys.length === 0) return data;
  const upTo = (q: string) =>
    range.to === null
      ? sql<SqlBool>`1 = 1`
      : sql<SqlBool>`${sql.ref(q)} <= cast(${range.to} as bigint)`;
  const from = range.from === null ? sql`0` : sql`cast(${range.from} as bigint)`;
  const totals = await db
    .selectFrom("notifications")
    .select([
      "group_key",
      sql<string>`max(notifications.id)`.as("most_recent_id"),
      sql<number>`count(*)`.as("count"),
      sql<string | null>`min(case when notifications.id >= ${from} then notifications.id end)`.as(
        "min_id",
      ),
      sql<string>`max(notifications.created_at)`.as("latest_at"),
    ])
    .where("account_id", "=", accountId)
    .where("group_key", "in", [...keys])
    .where(upTo("notifications.id"))
    .groupBy("group_key")
    .execute();
  const samples = await db
    .selectFrom(
      db
        .selectFrom("notifications")
        .select([
          "group_key",
          "from_account_id",
          "id",
          sql<number>`row_number() over (partition by notifications.group_key order by notifications.id desc)`.as(
            "rank",
          ),
        ])
        .where("account_id", "=", accountId)
        .where("group_key", "in", [...keys])
        .where(upTo("notifications.id"))
        .as("ranked"),
    )
    .select(["group_key", "from_account_id"])
    .where("rank", "<=", sampleSize)
    .orderBy("id", "desc")
    .execute();
  for (const t of totals) {
    const latest = t.latest_at as unknown;
    data.set(String(t.group_key), {
      mostRecentId: String(t.most_recent_id),
      count: Number(t.count),
      minId: t.min_id === null ? null : String(t.min_id),
      latestAt: latest instanceof Date ? latest.toISOString() : String(latest),
      sampleAccountIds: [],
    });
  }
  for (const s of samples)
    data.get(String(s.group_key))?.sampleAccountIds.push(String(s.from_account_id));
  return data;
}

/** The newest notification of a group (or the one an `ungrouped-<id>` key names). */
export async function findGroupHead(
  db: Db,
  accountId: string,
  groupKey: string,
): Promise<NotificationRow | undefined> {
  const ungrouped = /^ungrouped-(\d+)$/.exec(groupKey);
  if (ungrouped?.[1] !== undefined) return findNotification(db, accountId, ungrouped[1]);
  const row = await db
    .selectFrom("notifications")
    .select(NOTIFICATION_COLUMNS)
    .where(browsable(accountId, { types: null, includeFiltered: true }))
    .where("notifications.group_key", "=", groupKey)
    .orderBy("notifications.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotificationRow(row);
}

/** The senders of a group, newest first, paginated by notification id. */
export async function findGroupSenders(
  db: Db,
  accountId: string,
  groupKey: string,
  page: Page,
): Promise<{ id: string; fromAccountId: string }[]> {
  const ungrouped = /^ungrouped-(\d+)$/.exec(groupKey);
  let query = db
    .selectFrom("notifications")
    .select(["notifications.id", "notifications.from_account_id"])
    .where(browsable(accountId, { types: null, includeFiltered: true }));
  query =
    ungrouped?.[1] !== undefined
      ? query.where("notifications.id", "=", ungrouped[1])
      : query.where("notifications.group_key", "=", groupKey);
  const rows = await paginate(query, "notifications.id", page).execute();
  return inDisplayOrder(rows, page).map((r) => ({
    id: String(r.id),
    fromAccountId: String(r.from_account_id),
  }));
}

/** Notifications (or groups, with `groupedTypes`) newer than `afterId`, with their status. */
function unread(
  db: Db,
  accountId: string,
  filter: NotificationFilter,
  afterId: string | undefined,
  groupedTypes: readonly string[] | undefined,
  exceptStatusIds: readonly string[],
) {
  let query = db
    .selectFrom("notifications")
    .select([
      groupedTypes === undefined
        ? sql<string>`notifications.id`.as("k")
        : shownKey(groupedTypes).as("k"),
      // A group's notifications share their status.
      sql<string | null>`max(notifications.status_id)`.as("status_id"),
    ])
    .where(browsable(accountId, filter))
    .groupBy("k");
  if (afterId !== undefined)
    query = query.where(sql<SqlBool>`notifications.id > cast(${afterId} as bigint)`);
  if (exceptStatusIds.length > 0)
    query = query.where((eb) =>
      eb.or([
        eb("notifications.status_id", "is", null),
        eb("notifications.status_id", "not in", [...exceptStatusIds]),
      ]),
    );
  return query;
}

/** How many notifications (or groups, with `groupedTypes`) are newer than `afterId`, capped. */
export async function countUnread(
  db: Db,
  accountId: string,
  filter: NotificationFilter,
  afterId: string | undefined,
  cap: number,
  groupedTypes?: readonly string[],
): Promise<number> {
  const inner = unread(db, accountId, filter, afterId, groupedTypes, []);
  const row = await db
    .selectFrom(inner.limit(cap).as("unread"))
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Up to `cap` of what countUnread counts, leaving out those showing the statuses excepted. */
export async function findUnread(
  db: Db,
  accountId: string,
  filter: NotificationFilter,
  afterId: string | undefined,
  cap: number,
  groupedTypes: readonly string[] | undefined,
  exceptStatusIds: readonly string[],
): Promise<{ statusId: string | null }[]> {
  const rows = await unread(db, accountId, filter, afterId, groupedTypes, exceptStatusIds)
    .limit(cap)
    .execute();
  return rows.map((r) => ({ statusId: r.status_id === null ? null : String(r.status_id) }));
}
