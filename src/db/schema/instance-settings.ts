import type { ColumnType } from "kysely";

export interface InstanceSettingsTable {
  key: string;
  // Written as a JSON string, read back parsed on both databases.
  value: ColumnType<unknown, string, string>;
  updated_at: string;
}
