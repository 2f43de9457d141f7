import type { ColumnType, Generated } from "kysely";

export interface ProfileField {
  name: string;
  value: string;
  verified_at: string | null;
}

export interface AccountsTable {
  id: string;
  username: string;
  /** null for local accounts. */
  domain: string | null;
  display_name: Generated<string>;
  note: Generated<string>;
  // Written as a JSON string, read back parsed on both databases.
  fields: ColumnType<ProfileField[], string | undefined, string>;
  uri: string;
  url: string | null;
  inbox_url: string | null;
  shared_inbox_url: string | null;
  locked: Generated<boolean>;
  bot: Generated<boolean>;
  discoverable: boolean | null;
  indexable: Generated<boolean>;
  followers_count: Generated<number>;
  following_count: Generated<number>;
  statuses_count: Generated<number>;
  last_status_at: string | null;
  suspended_at: string | null;
  created_at: string;
  updated_at: string;
}
