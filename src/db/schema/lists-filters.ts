// 0023-lists-filters-markers: lists and members, filters v2, markers, account conversations.
import type { ColumnType, Generated } from "kysely";

export interface ListsTable {
  id: string;
  account_id: string;
  title: string;
  /** "followed" | "list" | "none" (Mastodon's replies_policy). */
  replies_policy: string;
  exclusive: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export interface ListAccountsTable {
  list_id: string;
  account_id: string;
  /** The follow that allows the membership (null: the owner listed themselves). */
  follow_id: string | null;
  created_at: string;
}

export interface CustomFiltersTable {
  id: string;
  account_id: string;
  title: string;
  /** Written as a JSON string, read back parsed. */
  context: ColumnType<string[], string, string>;
  /** "warn" | "hide" | "blur". */
  action: string;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomFilterKeywordsTable {
  id: string;
  custom_filter_id: string;
  keyword: string;
  whole_word: boolean;
  created_at: string;
  updated_at: string;
}

export interface CustomFilterStatusesTable {
  id: string;
  custom_filter_id: string;
  status_id: string;
  created_at: string;
}

export interface MarkersTable {
  account_id: string;
  /** "home" | "notifications". */
  timeline: string;
  last_read_id: string;
  version: number;
  updated_at: string;
}

export interface AccountConversationsTable {
  id: string;
  account_id: string;
  conversation_id: string;
  /** Written as a JSON string, read back parsed. */
  participant_account_ids: ColumnType<string[], string, string>;
  last_status_id: string;
  unread: boolean;
  updated_at: string;
}
