// 0012-jobs: the durable job queue (see src/jobs/README.md).
import type { ColumnType, Generated } from "kysely";

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface JobsTable {
  id: string;
  queue: Generated<string>;
  type: string;
  /** Written as a JSON string, read back parsed. */
  payload: ColumnType<unknown, string, string>;
  key: Nullable<string>;
  run_at: string;
  attempts: Generated<number>;
  locked_until: Nullable<string>;
  locked_by: Nullable<string>;
  last_error: Nullable<string>;
  failed_at: Nullable<string>;
  created_at: string;
}
