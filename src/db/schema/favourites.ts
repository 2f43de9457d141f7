// 0011-favourites-bookmarks-pins: one row per (account, status) pair in each table.
import type { ColumnType } from "kysely";

export interface FavouritesTable {
  id: string;
  account_id: string;
  status_id: string;
  /** The Like activity's id when it came from another server. */
  uri: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

export interface BookmarksTable {
  id: string;
  account_id: string;
  status_id: string;
  created_at: string;
}

export interface StatusPinsTable {
  account_id: string;
  status_id: string;
  created_at: string;
}
