// 0008-relationships: one row per ordered pair of accounts in each table.
import type { ColumnType, Generated } from "kysely";

type Languages = ColumnType<string[] | null, string | null | undefined, string | null>;

export interface FollowsTable {
  id: string;
  account_id: string;
  target_account_id: string;
  show_reblogs: Generated<boolean>;
  notify: Generated<boolean>;
  /** null: every language. Written as a JSON string, read back parsed. */
  languages: Languages;
  /** The Follow activity's id when a remote account is involved. */
  uri: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export type FollowRequestsTable = FollowsTable;

export interface BlocksTable {
  id: string;
  account_id: string;
  target_account_id: string;
  uri: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

export interface MutesTable {
  id: string;
  account_id: string;
  target_account_id: string;
  hide_notifications: Generated<boolean>;
  /** null: until unmuted. An expired row is treated as absent and removed on the next write. */
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountNotesTable {
  id: string;
  account_id: string;
  target_account_id: string;
  comment: string;
  created_at: string;
  updated_at: string;
}

export interface AccountPinsTable {
  id: string;
  account_id: string;
  target_account_id: string;
  created_at: string;
}
