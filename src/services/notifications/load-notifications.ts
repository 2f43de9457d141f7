// Hydration of a page of notifications: the statuses they show (through the visibility
// rule, one query) and the accounts (loadAccounts, three at most), whatever the page size.
// A notification whose status the reader can no longer see (deleted, made private, a block)
// is left out, as Mastodon leaves out notifications whose target is gone.
import type { AppContext } from "../../context.ts";
import { carriesStatus } from "../../domain/notifications.ts";
import type { NotificationRow } from "../../repos/notifications.ts";
import { findReportsByIds, type ReportRow } from "../../repos/reports.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import type { StatusRow } from "../statuses/common.ts";

export interface LoadedNotifications {
  rows: NotificationRow[];
  statuses: Map<string, StatusRow>;
  accounts: Map<string, LoadedAccount>;
  /** `admin.report` notifications: the report (its target is in `accounts`). */
  reports: Map<string, ReportRow>;
}

export async function loadNotifications(
  ctx: AppContext,
  viewerId: string,
  rows: readonly NotificationRow[],
  extraAccountIds: readonly string[] = [],
): Promise<LoadedNotifications> {
  const statusIds = rows.flatMap((r) =>
    carriesStatus(r.type) && r.status_id !== null ? [r.status_id] : [],
  );
  const statusRows = await findVisibleStatuses(ctx.db, [...new Set(statusIds)], viewerId);
  const statuses = new Map(statusRows.map((s) => [s.id, s]));
  const reportIds = rows.flatMap((r) => (r.report_id === null ? [] : [r.report_id]));
  const reports = new Map((await findReportsByIds(ctx.db, reportIds)).map((r) => [r.id, r]));
  // An `admin.report` whose report is gone is left out, as one whose status is.
  const withStatus = rows.filter(
    (r) =>
      (!carriesStatus(r.type) || (r.status_id !== null && statuses.has(r.status_id))) &&
      (r.type !== "admin.report" || (r.report_id !== null && reports.has(r.report_id))),
  );
  const loaded = await loadAccounts(ctx, [
    ...withStatus.map((r) => r.from_account_id),
    ...[...reports.values()].map((r) => r.target_account_id),
    ...extraAccountIds,
  ]);
  const accounts = new Map(loaded.map((a) => [a.account.id, a]));
  return {
    rows: withStatus.filter((r) => accounts.has(r.from_account_id)),
    statuses,
    accounts,
    reports,
  };
}
