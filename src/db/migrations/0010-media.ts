// Media attachments: uploads first stand alone (status_id null) and are attached when a post is
// made. The row is written before processing starts, so an upload is never lost silently: it
// ends `done` or `failed`, and unattached rows are removed after a day by the cleanup job.
import type { Kysely } from "kysely";
import { json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("media_attachments")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    // No foreign key yet: the statuses table is being added by a concurrent migration; the
    // key can be added once both are merged.
    .addColumn("status_id", "bigint")
    .addColumn("type", "text", (c) => c.notNull()) // image, gifv, video, audio, unknown
    .addColumn("file_key", "text")
    .addColumn("file_content_type", "text")
    .addColumn("file_size", "bigint")
    .addColumn("preview_key", "text")
    .addColumn("blurhash", "text")
    .addColumn("meta", json(db))
    .addColumn("description", "text")
    .addColumn("focus_x", "real")
    .addColumn("focus_y", "real")
    .addColumn("processing", "text", (c) => c.notNull()) // processing, done, failed
    .addColumn("remote_url", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("media_attachments_status")
    .on("media_attachments")
    .column("status_id")
    .execute();
  await db.schema
    .createIndex("media_attachments_account")
    .on("media_attachments")
    .columns(["account_id", "id"])
    .execute();
  // The orphan cleanup looks for old unattached rows.
  await db.schema
    .createIndex("media_attachments_unattached")
    .on("media_attachments")
    .columns(["status_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("media_attachments").execute();
}
