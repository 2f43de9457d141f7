// Notification, NotificationGroup, NotificationPolicy and NotificationRequest entities —
// https://docs.joinmastodon.org/entities/Notification/ and its neighbours. Pure: the caller
// passes the rendered Account and Status entities.
import type { Account } from "./account.ts";
import type { Report } from "./report.ts";
import type { Status } from "./status.ts";

export interface Notification {
  id: string;
  type: string;
  created_at: string;
  group_key: string;
  account: Account;
  status?: Status;
  /** `admin.report` only. */
  report?: Report;
}

export function toNotification(
  row: { id: string; type: string; created_at: string; group_key: string | null },
  account: Account,
  status: Status | undefined,
  report?: Report,
): Notification {
  return {
    id: row.id,
    type: row.type,
    created_at: row.created_at,
    group_key: row.group_key ?? `ungrouped-${row.id}`,
    account,
    ...(status === undefined ? {} : { status }),
    ...(report === undefined ? {} : { report }),
  };
}

export interface NotificationGroup {
  group_key: string;
  notifications_count: number;
  type: string;
  /** A number, as Mastodon sends it (its notification ids are a sequence too). */
  most_recent_notification_id: number;
  page_min_id?: string;
  page_max_id?: string;
  latest_page_notification_at?: string;
  sample_account_ids: string[];
  status_id?: string;
  /** `admin.report` only. */
  report?: Report;
}

export function toNotificationGroup(
  group: {
    groupKey: string;
    type: string;
    notificationsCount: number;
    mostRecentNotificationId: string;
    sampleAccountIds: string[];
    statusId: string | null;
    page?: { minId: string; maxId: string; latestAt: string };
  },
  report?: Report,
): NotificationGroup {
  return {
    group_key: group.groupKey,
    notifications_count: group.notificationsCount,
    type: group.type,
    most_recent_notification_id: Number(group.mostRecentNotificationId),
    ...(group.page === undefined
      ? {}
      : {
          page_min_id: group.page.minId,
          page_max_id: group.page.maxId,
          latest_page_notification_at: group.page.latestAt,
        }),
    sample_account_ids: group.sampleAccountIds,
    ...(group.statusId === null ? {} : { status_id: group.statusId }),
    ...(report === undefined ? {} : { report }),
  };
}

export interface PartialAccountWithAvatar {
  id: string;
  acct: string;
  url: string | null;
  avatar: string;
  avatar_static: string;
  locked: boolean;
  bot: boolean;
}

/** The few fields `expand_accounts=partial_avatars` sends for the less prominent senders. */
export function toPartialAccount(account: Account): PartialAccountWithAvatar {
  return {
    id: account.id,
    acct: account.acct,
    url: account.url,
    avatar: account.avatar,
    avatar_static: account.avatar_static,
    locked: account.locked,
    bot: account.bot,
  };
}

export interface GroupedNotificationsResults {
  accounts: Account[];
  partial_accounts?: PartialAccountWithAvatar[];
  statuses: Status[];
  notification_groups: NotificationGroup[];
}

export interface NotificationPolicyEntity {
  for_not_following: string;
  for_not_followers: string;
  for_new_accounts: string;
  for_private_mentions: string;
  for_limited_accounts: string;
  summary: { pending_requests_count: number; pending_notifications_count: number };
}

export function toNotificationPolicy(view: {
  policy: {
    forNotFollowing: string;
    forNotFollowers: string;
    forNewAccounts: string;
    forPrivateMentions: string;
    forLimitedAccounts: string;
  };
  summary: { pendingRequests: number; pendingNotifications: number };
}): NotificationPolicyEntity {
  return {
    for_not_following: view.policy.forNotFollowing,
    for_not_followers: view.policy.forNotFollowers,
    for_new_accounts: view.policy.forNewAccounts,
    for_private_mentions: view.policy.forPrivateMentions,
    for_limited_accounts: view.policy.forLimitedAccounts,
    summary: {
      pending_requests_count: view.summary.pendingRequests,
      pending_notifications_count: view.summary.pendingNotifications,
    },
  };
}

export interface NotificationRequestEntity {
  id: string;
  created_at: string;
  updated_at: string;
  /** A string, as Mastodon sends it. */
  notifications_count: string;
  account: Account;
  last_status?: Status;
}

export function toNotificationRequest(
  row: { id: string; created_at: string; updated_at: string; notifications_count: number },
  account: Account,
  lastStatus: Status | undefined,
): NotificationRequestEntity {
  return {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    notifications_count: String(row.notifications_count),
    account,
    ...(lastStatus === undefined ? {} : { last_status: lastStatus }),
  };
}
