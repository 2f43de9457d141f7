// 0031-reports-moves: reports, and the aliases and moves of local accounts.
import type { ColumnType, Generated } from "kysely";

export interface ReportsTable {
  id: string;
  /** The reporter: a local account, or the remote actor that sent a Flag. */
  account_id: string;
  target_account_id: string;
  // Written as JSON strings, read back parsed on both databases.
  status_ids: ColumnType<string[], string | undefined, string>;
  /** null unless the category is `violation`. */
  rule_ids: ColumnType<string[] | null, string | null | undefined, string | null>;
  comment: Generated<string>;
  category: Generated<string>;
  forwarded: Generated<boolean>;
  action_taken_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Flag's id for incoming reports; null for our own. */
  uri: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface AccountAliasesTable {
  id: string;
  account_id: string;
  /** `user@domain` as the owner typed it (resolved). */
  acct: string;
  /** The other account's actor id, published in `alsoKnownAs`. */
  uri: string;
  created_at: string;
}

export interface AccountMigrationsTable {
  id: string;
  account_id: string;
  acct: string;
  target_account_id: string;
  followers_count: Generated<number>;
  created_at: string;
}
