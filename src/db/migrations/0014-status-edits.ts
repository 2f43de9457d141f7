// Edit history of statuses (Mastodon's status_edits): one row per revision. The first edit
// also records the original, so the history reads original + each edit, oldest first.
// Media are a snapshot of ids with the description and focal point they had then; poll
// options are a hook for polls (null until polls exist).
import type { Kysely } from "kysely";
import { emptyJsonArray, json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("status_edits")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    // Who made this revision (the author: only authors edit).
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("content", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("spoiler_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sensitive", "boolean", (c) => c.notNull().defaultTo(false))
    // [{ id, description, focus }] in display order.
    .addColumn("media", json(db), (c) => c.notNull().defaultTo(emptyJsonArray))
    // [title, …] at this revision, once polls exist.
    .addColumn("poll_options", json(db))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("status_edits_status")
    .on("status_edits")
    .columns(["status_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("status_edits").execute();
}
