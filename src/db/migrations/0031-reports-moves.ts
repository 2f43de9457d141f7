// Reports (POST /api/v1/reports and incoming Flags) with the `admin.report` notification that
// names one; moving a local account away: the aliases it lists in `alsoKnownAs` and the moves
// it made (Mastodon's account_aliases and account_migrations; a move has a 30-day cooldown).
import type { Kysely } from "kysely";
import { emptyJsonArray, json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("reports")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("target_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("status_ids", json(db), (c) => c.notNull().defaultTo(emptyJsonArray))
    .addColumn("rule_ids", json(db))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "text", (c) => c.notNull().defaultTo("other"))
    .addColumn("forwarded", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("action_taken_at", ts)
    // Incoming Flags: the activity's id, so a redelivery files nothing new.
    .addColumn("uri", "text", (c) => c.unique())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reports_target_account_id")
    .on("reports")
    .columns(["target_account_id", "id"])
    .execute();
  await db.schema
    .createIndex("reports_account_id")
    .on("reports")
    .columns(["account_id", "id"])
    .execute();
  await db.schema.alterTable("notifications").addColumn("report_id", "bigint").execute();

  await db.schema
    .createTable("account_aliases")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("acct", "text", (c) => c.notNull())
    .addColumn("uri", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("account_aliases_account_uri", ["account_id", "uri"])
    .execute();

  await db.schema
    .createTable("account_migrations")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("acct", "text", (c) => c.notNull())
    .addColumn("target_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("followers_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("account_migrations_account_id")
    .on("account_migrations")
    .columns(["account_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("account_migrations").execute();
  await db.schema.dropTable("account_aliases").execute();
  await db.schema.alterTable("notifications").dropColumn("report_id").execute();
  await db.schema.dropTable("reports").execute();
}
