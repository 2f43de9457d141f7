// Account archives ("Request your archive"): one row per request, the zip's storage key once
// the job has built it. Rows older than a week are removed with their file.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("account_archives")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("file_key", "text")
    .addColumn("file_size", "bigint")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("processed_at", ts)
    .execute();
  await db.schema
    .createIndex("account_archives_account_id")
    .on("account_archives")
    .columns(["account_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("account_archives").execute();
}
