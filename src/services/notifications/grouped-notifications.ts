// Grouped notifications (v2) — https://docs.joinmastodon.org/methods/grouped_notifications/
// A page holds up to `limit` groups: walking back from max_id (forward from min_id), the first
// notification met of each group stands for it, as Mastodon's paginate_groups. For each
// grouped one, the group's data is read within the page's range (Mastodon's
// NotificationGroup.from_notifications): the most recent notification up to the range's end,
// the count up to there, the 8 latest senders, the oldest id on the page (page_min_id).
// `grouped_types[]` chooses which groupable types are grouped (default: all four).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import {
  GROUPABLE_TYPES,
  SAMPLE_ACCOUNTS_SIZE,
  shownGroupKey,
} from "../../domain/notifications.ts";
import {
  findGroupData,
  findGroupHead,
  findGroupPage,
  findGroupSenders,
  type GroupData,
} from "../../repos/notification-groups.ts";
import type { NotificationRow } from "../../repos/notifications.ts";
import type { ReportRow } from "../../repos/reports.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import type { StatusRow } from "../statuses/common.ts";
import { type ListOptions, notificationFilter } from "./list-notifications.ts";
import { loadNotifications } from "./load-notifications.ts";

export interface NotificationGroupView {
  groupKey: string;
  type: string;
  notificationsCount: number;
  mostRecentNotificationId: string;
  sampleAccountIds: string[];
  statusId: string | null;
  /** Present when the group came from a page (not from GET /:group_key). */
  page?: { minId: string; maxId: string; latestAt: string };
  /** The notification standing for the group. */
  row: NotificationRow;
}

export interface GroupPage {
  groups: NotificationGroupView[];
  statuses: Map<string, StatusRow>;
  accounts: Map<string, LoadedAccount>;
  /** Reports of `admin.report` groups (their targets are in `accounts`). */
  reports: Map<string, ReportRow>;
  cursors: string[];
}

export function groupedTypesOf(asked: readonly string[]): string[] {
  if (asked.length === 0) return [...GROUPABLE_TYPES];
  return GROUPABLE_TYPES.filter((t) => asked.includes(t));
}

function pageRange(
  rows: NotificationRow[],
  page: Page,
): { from: string | null; to: string | null } {
  const newest = rows[0]?.id ?? null;
  const oldest = rows[rows.length - 1]?.id ?? null;
  if (rows.length >= page.limit) return { from: oldest, to: newest };
  // An incomplete page is the last one in its direction: the range runs to the end.
  if (page.minId !== undefined)
    return {
      from: oldest,
      to: page.maxId === undefined ? null : (BigInt(page.maxId) - 1n).toString(),
    };
  return {
    from: page.sinceId === undefined ? null : (BigInt(page.sinceId) + 1n).toString(),
    to: newest,
  };
}

function toView(
  row: NotificationRow,
  groupedTypes: readonly string[],
  data: Map<string, GroupData>,
  paged: boolean,
): NotificationGroupView {
  const key = shownGroupKey(row, groupedTypes);
  const d = data.get(key);
  if (d === undefined)
    return {
      groupKey: `ungrouped-${row.id}`,
      type: row.type,
      notificationsCount: 1,
      mostRecentNotificationId: row.id,
      sampleAccountIds: [row.from_account_id],
      statusId: row.status_id,
      row,
      ...(paged ? { page: { minId: row.id, maxId: row.id, latestAt: row.created_at } } : {}),
    };
  return {
    groupKey: key,
    type: row.type,
    notificationsCount: d.count,
    mostRecentNotificationId: d.mostRecentId,
    sampleAccountIds: d.sampleAccountIds,
    statusId: row.status_id,
    row,
    ...(paged
      ? { page: { minId: d.minId ?? row.id, maxId: d.mostRecentId, latestAt: d.latestAt } }
      : {}),
  };
}

async function hydrate(
  ctx: AppContext,
  accountId: string,
  views: NotificationGroupView[],
): Promise<Omit<GroupPage, "cursors">> {
  const loaded = await loadNotifications(
    ctx,
    accountId,
    views.map((v) => v.row),
    views.flatMap((v) => v.sampleAccountIds),
  );
  const kept = new Set(loaded.rows.map((r) => r.id));
  const groups = views
    .filter((v) => kept.has(v.row.id))
    .map((v) => ({
      ...v,
      sampleAccountIds: v.sampleAccountIds.filter((id) => loaded.accounts.has(id)),
    }));
  return {
    groups,
    statuses: loaded.statuses,
    accounts: loaded.accounts,
    reports: loaded.reports,
  };
}

export async function listGroups(
  ctx: AppContext,
  accountId: string,
  options: ListOptions & { groupedTypes: readonly string[] },
  page: Page,
): Promise<GroupPage> {
  const groupedTypes = groupedTypesOf(options.groupedTypes);
  const filter = notificationFilter(options);
  const rows = await findGroupPage(ctx.db, accountId, filter, groupedTypes, page);
  if (rows.length === 0)
    return {
      groups: [],
      statuses: new Map(),
      accounts: new Map(),
      reports: new Map(),
      cursors: [],
    };
  const keys = rows
    .map((r) => shownGroupKey(r, groupedTypes))
    .filter((k) => !k.startsWith("ungrouped-"));
  const data = await findGroupData(
    ctx.db,
    accountId,
    [...new Set(keys)],
    pageRange(rows, page),
    SAMPLE_ACCOUNTS_SIZE,
  );
  const views = rows.map((r) => toView(r, groupedTypes, data, true));
  return { ...(await hydrate(ctx, accountId, views)), cursors: rows.map((r) => r.id) };
}

export async function getGroup(
  ctx: AppContext,
  accountId: string,
  groupKey: string,
): Promise<Omit<GroupPage, "cursors"> | undefined> {
  const head = await findGroupHead(ctx.db, accountId, groupKey);
  if (head === undefined) return undefined;
  const key = shownGroupKey(head);
  const data = key.startsWith("ungrouped-")
    ? new Map<string, GroupData>()
    : await findGroupData(ctx.db, accountId, [key], { from: null, to: null }, SAMPLE_ACCOUNTS_SIZE);
  const result = await hydrate(ctx, accountId, [toView(head, GROUPABLE_TYPES, data, false)]);
  return result.groups.length === 0 ? undefined : result;
}

/** The accounts behind a group, newest first; cursors are notification ids. */
export async function listGroupAccounts(
  ctx: AppContext,
  accountId: string,
  groupKey: string,
  page: Page,
): Promise<{ accounts: LoadedAccount[]; cursors: string[] }> {
  const senders = await findGroupSenders(ctx.db, accountId, groupKey, page);
  const loaded = await loadAccounts(
    ctx,
    senders.map((s) => s.fromAccountId),
  );
  const byId = new Map(loaded.map((a) => [a.account.id, a]));
  return {
    accounts: senders.flatMap((s) => {
      const a = byId.get(s.fromAccountId);
      return a === undefined ? [] : [a];
    }),
    cursors: senders.map((s) => s.id),
  };
}
