// Statuses (local and remote posts alike), their mentions and hashtags, and the keys that
// make POST /api/v1/statuses idempotent. Boosts will be statuses with reblog_of_id set; media,
// polls, quotes and edit history hang off `statuses` in later migrations.
import { type Kysely, sql } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("statuses")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("uri", "text", (c) => c.notNull().unique())
    .addColumn("url", "text")
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    // No foreign key on the thread: a reply may arrive before its parent, and a deleted
    // parent must not take its replies with it.
    .addColumn("in_reply_to_id", "bigint")
    .addColumn("in_reply_to_account_id", "bigint")
    .addColumn("reblog_of_id", "bigint")
    .addColumn("text", "text", (c) => c.notNull().defaultTo("")) // source, local posts
    .addColumn("content", "text", (c) => c.notNull().defaultTo("")) // rendered, sanitized HTML
    .addColumn("spoiler_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("sensitive", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("language", "text")
    .addColumn("application_id", "bigint")
    .addColumn("replies_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reblogs_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("favourites_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("local", "boolean", (c) => c.notNull())
    .addColumn("edited_at", ts)
    .addColumn("deleted_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // An account's posts newest first (profiles, account statuses), and a thread's replies.
  await sql`CREATE INDEX statuses_account_id ON statuses (account_id, id DESC)`.execute(db);
  await db.schema
    .createIndex("statuses_in_reply_to")
    .on("statuses")
    .column("in_reply_to_id")
    .execute();
  await db.schema.createIndex("statuses_reblog_of").on("statuses").column("reblog_of_id").execute();

  await db.schema
    .createTable("mentions")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    // Silent: carried over from the thread without appearing in the text (no notification).
    .addColumn("silent", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex("mentions_status_account")
    .on("mentions")
    .columns(["status_id", "account_id"])
    .unique()
    .execute();
  // "Statuses that mention me": private and direct visibility checks read this way.
  await db.schema
    .createIndex("mentions_account_status")
    .on("mentions")
    .columns(["account_id", "status_id"])
    .execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique()) // lower case: the lookup key
    .addColumn("display_name", "text", (c) => c.notNull()) // as first written
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("status_tags")
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("status_tags_pk", ["status_id", "tag_id"])
    .execute();
  await db.schema
    .createIndex("status_tags_tag")
    .on("status_tags")
    .columns(["tag_id", "status_id"])
    .execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("idempotency_keys_account_key")
    .on("idempotency_keys")
    .columns(["account_id", "key"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["idempotency_keys", "status_tags", "tags", "mentions", "statuses"]) {
    await db.schema.dropTable(table).execute();
  }
}
