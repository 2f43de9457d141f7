// Lists (and their members), filters v2 (keywords, statuses), timeline markers, and the
// per-account view of direct conversations (Mastodon's AccountConversation).
// A list member is tied to the follow that allows it (follow_id, cascade): unfollowing or a
// block removes the account from the follower's lists, as Mastodon's ListAccount does. The
// owner may list themselves (follow_id null).
import { type Kysely, sql } from "kysely";
import { json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("lists")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("replies_policy", "text", (c) => c.notNull().defaultTo("list"))
    .addColumn("exclusive", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lists_account_id").on("lists").column("account_id").execute();
  await db.schema
    .createTable("list_accounts")
    .addColumn("list_id", "bigint", (c) => c.notNull().references("lists.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("follow_id", "bigint", (c) => c.references("follows.id").onDelete("cascade"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("list_accounts_pkey", ["list_id", "account_id"])
    .execute();
  // Fan-out asks "which lists hold this author".
  await db.schema
    .createIndex("list_accounts_account_id")
    .on("list_accounts")
    .column("account_id")
    .execute();
  await db.schema
    .createIndex("list_accounts_follow_id")
    .on("list_accounts")
    .column("follow_id")
    .execute();

  await db.schema
    .createTable("custom_filters")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    // A JSON array of home, notifications, public, thread, account.
    .addColumn("context", json(db), (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().defaultTo("warn"))
    .addColumn("expires_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("custom_filters_account_id")
    .on("custom_filters")
    .column("account_id")
    .execute();
  await db.schema
    .createTable("custom_filter_keywords")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("custom_filter_id", "bigint", (c) =>
      c.notNull().references("custom_filters.id").onDelete("cascade"),
    )
    .addColumn("keyword", "text", (c) => c.notNull())
    .addColumn("whole_word", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("custom_filter_keywords_filter_id")
    .on("custom_filter_keywords")
    .column("custom_filter_id")
    .execute();
  await db.schema
    .createTable("custom_filter_statuses")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("custom_filter_id", "bigint", (c) =>
      c.notNull().references("custom_filters.id").onDelete("cascade"),
    )
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("custom_filter_statuses_unique", ["custom_filter_id", "status_id"])
    .execute();

  await db.schema
    .createTable("markers")
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("timeline", "text", (c) => c.notNull())
    .addColumn("last_read_id", "bigint", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("markers_pkey", ["account_id", "timeline"])
    .execute();

  await db.schema
    .createTable("account_conversations")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("conversation_id", "bigint", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    // The other participants, sorted (empty: a note to oneself); with the thread, the key.
    .addColumn("participant_account_ids", json(db), (c) => c.notNull())
    // No foreign key: a deleted post is soft-deleted, and reads go through the visibility rule.
    .addColumn("last_status_id", "bigint", (c) => c.notNull())
    .addColumn("unread", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // GET /api/v1/conversations pages by last_status_id, as Mastodon does.
  await sql`CREATE INDEX account_conversations_by_last_status ON account_conversations (account_id, last_status_id)`.execute(
    db,
  );
  await db.schema
    .createIndex("account_conversations_conversation")
    .on("account_conversations")
    .columns(["conversation_id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "account_conversations",
    "markers",
    "custom_filter_statuses",
    "custom_filter_keywords",
    "custom_filters",
    "list_accounts",
    "lists",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
