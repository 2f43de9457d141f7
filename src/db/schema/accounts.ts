import type { ColumnType, Generated } from "kysely";

export interface ProfileField {
  name: string;
  value: string;
  verified_at: string | null;
  /** Local accounts: the value as typed (`value` is the HTML made from it). */
  source?: string;
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
  // 0005-profiles: storage keys (media/storage.ts); a static key only for moving pictures.
  avatar_key: ColumnType<string | null, string | null | undefined, string | null>;
  avatar_static_key: ColumnType<string | null, string | null | undefined, string | null>;
  avatar_content_type: ColumnType<string | null, string | null | undefined, string | null>;
  avatar_description: Generated<string>;
  header_key: ColumnType<string | null, string | null | undefined, string | null>;
  header_static_key: ColumnType<string | null, string | null | undefined, string | null>;
  header_content_type: ColumnType<string | null, string | null | undefined, string | null>;
  header_description: Generated<string>;
  /** null: not known (a remote account that never said). */
  hide_collections: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  memorial: Generated<boolean>;
  /** The plain text the owner typed; `note` is the HTML made from it. Local accounts only. */
  note_source: ColumnType<string | null, string | null | undefined, string | null>;
  // 0025-remote-federation: what a remote actor publishes (null for local accounts).
  outbox_url: ColumnType<string | null, string | null | undefined, string | null>;
  followers_url: ColumnType<string | null, string | null | undefined, string | null>;
  following_url: ColumnType<string | null, string | null | undefined, string | null>;
  featured_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Remote pictures are linked, not downloaded. */
  avatar_remote_url: ColumnType<string | null, string | null | undefined, string | null>;
  header_remote_url: ColumnType<string | null, string | null | undefined, string | null>;
  fetched_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_webfingered_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0028: the account this one moved to (an accepted Move), else null. */
  moved_to_account_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0030: set while the account's domain is silenced (an instance domain block). */
  silenced_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0036: a remote actor's type (Person, Group, Service…); null for local accounts. */
  actor_type: ColumnType<string | null, string | null | undefined, string | null>;
}
