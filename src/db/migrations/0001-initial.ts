// Instance settings, rules, weekly activity, and the accounts/users skeleton that later
// migrations extend. Ids are 64-bit time-sortable integers made by the application.
import { type Kysely, sql } from "kysely";
import { emptyJsonArray, json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);

  await db.schema
    .createTable("instance_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", json(db), (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("rules")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("hint", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addColumn("deleted_at", ts)
    .execute();

  await db.schema
    .createTable("instance_activity")
    .addColumn("week", "text", (c) => c.primaryKey()) // Monday of the week, YYYY-MM-DD (UTC)
    .addColumn("statuses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("registrations", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("accounts")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("domain", "text") // null for local accounts
    .addColumn("display_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fields", json(db), (c) => c.notNull().defaultTo(emptyJsonArray))
    .addColumn("uri", "text", (c) => c.notNull().unique())
    .addColumn("url", "text")
    .addColumn("inbox_url", "text")
    .addColumn("shared_inbox_url", "text")
    .addColumn("locked", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("bot", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("discoverable", "boolean")
    .addColumn("indexable", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("followers_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("following_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("statuses_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_status_at", ts)
    .addColumn("suspended_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // Usernames are unique per domain regardless of case, as on Mastodon.
  await sql`CREATE UNIQUE INDEX accounts_username_domain ON accounts (lower(username), coalesce(domain, ''))`.execute(
    db,
  );

  await db.schema
    .createTable("users")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().unique().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text") // null: an ordinary user; otherwise Owner, Admin or Moderator
    .addColumn("locale", "text")
    .addColumn("confirmed_at", ts)
    .addColumn("approved", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("last_active_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX users_email ON users (lower(email))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("users").execute();
  await db.schema.dropTable("accounts").execute();
  await db.schema.dropTable("instance_activity").execute();
  await db.schema.dropTable("rules").execute();
  await db.schema.dropTable("instance_settings").execute();
}
