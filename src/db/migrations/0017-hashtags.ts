// Followed and featured hashtags. A follow or a feature is one row per (account, tag); their
// ids are time-sortable and are the cursors of /api/v1/followed_tags (newest first, as
// Mastodon) and the ids clients delete featured tags by. A featured tag's statuses_count and
// last_status_at are not stored: they are counted from status_tags when read, so posting and
// deleting never have to keep them in step.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  for (const table of ["tag_follows", "featured_tags"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("id", "bigint", (c) => c.primaryKey())
      .addColumn("account_id", "bigint", (c) =>
        c.notNull().references("accounts.id").onDelete("cascade"),
      )
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex(`${table}_account_tag`)
      .on(table)
      .columns(["account_id", "tag_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex(`${table}_account_id`)
      .on(table)
      .columns(["account_id", "id"])
      .execute();
    // Who follows a tag (the hashtag timelines and home feeds of later issues).
    await db.schema.createIndex(`${table}_tag_id`).on(table).column("tag_id").execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("featured_tags").execute();
  await db.schema.dropTable("tag_follows").execute();
}
