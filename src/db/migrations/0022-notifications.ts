// Notifications, the per-user notification policy, requests from strangers and the senders a
// user accepted (Mastodon 4.3's notification_policies, notification_requests and
// notification_permissions).
//
// notifications.id is a sequence, not one of our time-sortable 64-bit ids: Mastodon's is a
// bigserial too, and the grouped API sends `most_recent_notification_id` as a JSON number,
// which a 64-bit id would not survive in JavaScript clients. Ids still grow with time, so
// pagination by id is unchanged.
// group_key is null for ungrouped and filtered notifications (shown as `ungrouped-<id>`);
// dedupe_key (per recipient, unique) makes a second job for the same event a no-op.
import type { Kysely } from "kysely";
import { isPostgres, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("notifications")
    .addColumn("id", isPostgres(db) ? "bigint" : "integer", (c) =>
      isPostgres(db)
        ? c.primaryKey().generatedByDefaultAsIdentity()
        : c.primaryKey().autoIncrement(),
    )
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("from_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("type", "text", (c) => c.notNull())
    // No foreign key: a deleted status hides its notifications when they are read.
    .addColumn("status_id", "bigint")
    .addColumn("group_key", "text")
    .addColumn("dedupe_key", "text")
    .addColumn("filtered", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notifications_account_id")
    .on("notifications")
    .columns(["account_id", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_account_group_key")
    .on("notifications")
    .columns(["account_id", "group_key", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_account_from")
    .on("notifications")
    .columns(["account_id", "from_account_id"])
    .execute();
  await db.schema
    .createIndex("notifications_dedupe")
    .on("notifications")
    .columns(["account_id", "dedupe_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("notification_policies")
    .addColumn("account_id", "bigint", (c) =>
      c.primaryKey().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("for_not_following", "text", (c) => c.notNull())
    .addColumn("for_not_followers", "text", (c) => c.notNull())
    .addColumn("for_new_accounts", "text", (c) => c.notNull())
    .addColumn("for_private_mentions", "text", (c) => c.notNull())
    .addColumn("for_limited_accounts", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notification_requests")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("from_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("last_status_id", "bigint")
    .addColumn("notifications_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("notification_requests_pair", ["account_id", "from_account_id"])
    .execute();

  await db.schema
    .createTable("notification_permissions")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("from_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("notification_permissions_pair", ["account_id", "from_account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification_permissions").execute();
  await db.schema.dropTable("notification_requests").execute();
  await db.schema.dropTable("notification_policies").execute();
  await db.schema.dropTable("notifications").execute();
}
