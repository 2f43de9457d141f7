// Notifications as the API shows them: the services hydrate (fixed queries per page), these
// functions render the statuses once (presentStatuses) and the accounts, then the entities.
// `presentNotificationById` is what the streaming API renders a `notification` event with.
import type { AppContext } from "../../../context.ts";
import type { FilterContext } from "../../../domain/filters.ts";
import type { GroupPage } from "../../../services/notifications/grouped-notifications.ts";
import { getNotification } from "../../../services/notifications/list-notifications.ts";
import type { LoadedNotifications } from "../../../services/notifications/load-notifications.ts";
import type { LoadedRequest } from "../../../services/notifications/requests.ts";
import type { StatusRow } from "../../../services/statuses/common.ts";
import type { Account } from "../../entities/account.ts";
import {
  type GroupedNotificationsResults,
  type Notification,
  type NotificationRequestEntity,
  toNotification,
  toNotificationGroup,
  toNotificationRequest,
  toPartialAccount,
} from "../../entities/notification.ts";
import { toReport } from "../../entities/report.ts";
import type { Status } from "../../entities/status.ts";
import { presentAccount } from "../accounts/hydrate.ts";
import { presentStatuses } from "../statuses/present.ts";

// Notifications (and groups) whose status a `hide` filter for `notifications` matches are left
// out like those whose status is gone (their page may come back shorter); requests are not.
async function statusesById(
  ctx: AppContext,
  rows: Iterable<StatusRow>,
  viewerId: string,
  filterContext?: FilterContext,
): Promise<Map<string, Status>> {
  const rendered = await presentStatuses(
    ctx,
    [...rows],
    viewerId,
    filterContext === undefined ? {} : { filterContext },
  );
  return new Map(rendered.map((s) => [s.id, s]));
}

export async function presentNotifications(
  ctx: AppContext,
  viewerId: string,
  loaded: LoadedNotifications,
): Promise<Notification[]> {
  const statuses = await statusesById(ctx, loaded.statuses.values(), viewerId, "notifications");
  return loaded.rows.flatMap((row) => {
    const account = loaded.accounts.get(row.from_account_id);
    const status = row.status_id === null ? undefined : statuses.get(row.status_id);
    if (account === undefined || (row.status_id !== null && status === undefined)) return [];
    const report = row.report_id === null ? undefined : loaded.reports.get(row.report_id);
    const target = report === undefined ? undefined : loaded.accounts.get(report.target_account_id);
    const shown =
      report === undefined || target === undefined
        ? undefined
        : toReport(report, presentAccount(ctx, target));
    return [toNotification(row, presentAccount(ctx, account), status, shown)];
  });
}

/** One notification for its recipient, or undefined when it is gone or no longer shown. */
export async function presentNotificationById(
  ctx: AppContext,
  viewerId: string,
  notificationId: string,
): Promise<Notification | undefined> {
  const loaded = await getNotification(ctx, viewerId, notificationId);
  if (loaded === undefined) return undefined;
  return (await presentNotifications(ctx, viewerId, loaded))[0];
}

export async function presentGroups(
  ctx: AppContext,
  viewerId: string,
  page: Omit<GroupPage, "cursors">,
  expand: "full" | "partial_avatars" = "full",
): Promise<GroupedNotificationsResults> {
  const statuses = await statusesById(ctx, page.statuses.values(), viewerId, "notifications");
  const groups = page.groups.filter((g) => g.statusId === null || statuses.has(g.statusId));
  const rendered = new Map<string, Account>();
  const account = (id: string): Account | undefined => {
    const cached = rendered.get(id);
    if (cached !== undefined) return cached;
    const loaded = page.accounts.get(id);
    if (loaded === undefined) return undefined;
    const entity = presentAccount(ctx, loaded);
    rendered.set(id, entity);
    return entity;
  };
  // Mastodon's GroupedNotificationsPresenter: partial_avatars sends each group's latest
  // sender in full and the others as partial accounts.
  const fullIds = new Set<string>();
  const partialIds = new Set<string>();
  for (const g of groups)
    g.sampleAccountIds.forEach((id, i) => {
      (expand === "full" || i === 0 ? fullIds : partialIds).add(id);
    });
  for (const id of fullIds) partialIds.delete(id);
  const accounts = [...fullIds].flatMap((id) => account(id) ?? []);
  const seenStatuses = new Set<string>();
  const statusList: Status[] = [];
  for (const g of groups)
    if (g.statusId !== null && !seenStatuses.has(g.statusId)) {
      seenStatuses.add(g.statusId);
      const s = statuses.get(g.statusId);
      if (s !== undefined) statusList.push(s);
    }
  return {
    accounts,
    ...(expand === "partial_avatars"
      ? {
          partial_accounts: [...partialIds]
            .flatMap((id) => account(id) ?? [])
            .map(toPartialAccount),
        }
      : {}),
    statuses: statusList,
    notification_groups: groups.map((g) => {
      const report = g.row.report_id === null ? undefined : page.reports.get(g.row.report_id);
      const target = report === undefined ? undefined : account(report.target_account_id);
      return toNotificationGroup(
        g,
        report === undefined || target === undefined ? undefined : toReport(report, target),
      );
    }),
  };
}

export async function presentRequests(
  ctx: AppContext,
  viewerId: string,
  requests: LoadedRequest[],
): Promise<NotificationRequestEntity[]> {
  const statuses = await statusesById(
    ctx,
    requests.flatMap((r) => (r.lastStatus === null ? [] : [r.lastStatus])),
    viewerId,
  );
  return requests.map((r) =>
    toNotificationRequest(
      r.request,
      presentAccount(ctx, r.account),
      r.lastStatus === null ? undefined : statuses.get(r.lastStatus.id),
    ),
  );
}
