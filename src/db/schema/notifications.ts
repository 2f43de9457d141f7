// 0022-notifications: notifications, the notification policy, requests and permissions.
import type { ColumnType, Generated } from "kysely";

export interface NotificationsTable {
  /** A sequence (see the migration); read back as a decimal string. */
  id: Generated<string>;
  account_id: string;
  from_account_id: string;
  type: string;
  status_id: string | null;
  /** null: ungrouped or filtered (shown as `ungrouped-<id>`). */
  group_key: string | null;
  dedupe_key: string | null;
  filtered: Generated<boolean>;
  created_at: string;
  /** 0031: the report an `admin.report` notification names. */
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NotificationPoliciesTable {
  account_id: string;
  for_not_following: string;
  for_not_followers: string;
  for_new_accounts: string;
  for_private_mentions: string;
  for_limited_accounts: string;
  created_at: string;
  updated_at: string;
}

export interface NotificationRequestsTable {
  id: string;
  account_id: string;
  from_account_id: string;
  last_status_id: string | null;
  notifications_count: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface NotificationPermissionsTable {
  id: string;
  account_id: string;
  from_account_id: string;
  created_at: string;
}
