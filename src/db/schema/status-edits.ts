// 0014-status-edits: revisions of statuses, oldest first by id.
import type { ColumnType, Generated } from "kysely";

/** One attachment as it was at a revision. */
export interface EditMediaSnapshot {
  id: string;
  description: string | null;
  focus: { x: number; y: number } | null;
}

export interface StatusEditsTable {
  id: string;
  status_id: string;
  account_id: string;
  text: Generated<string>;
  content: Generated<string>;
  spoiler_text: Generated<string>;
  sensitive: Generated<boolean>;
  /** Written as a JSON string, read back parsed. */
  media: ColumnType<EditMediaSnapshot[], string | undefined, string>;
  /** Poll option titles at this revision (polls: later work). */
  poll_options: ColumnType<string[] | null, string | null | undefined, string | null>;
  created_at: string;
}
