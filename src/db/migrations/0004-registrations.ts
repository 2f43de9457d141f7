// Sign-up through the API and email confirmation (Mastodon's Devise confirmable): what a new
// user agreed to and from where, the app that signed them up (only it may resend the mail),
// and the confirmation token, stored as a SHA-256 hash like every other secret. Invites let
// people join while registrations are closed (or skip approval), within an expiry and use limit.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  // One column per statement: SQLite's ALTER TABLE adds one column at a time.
  const users = () => db.schema.alterTable("users");
  await users().addColumn("confirmation_token_hash", "text").execute();
  await users().addColumn("confirmation_sent_at", ts).execute();
  // A new address waiting for confirmation while the confirmed one stays in use (email change).
  await users().addColumn("unconfirmed_email", "text").execute();
  await users().addColumn("sign_up_reason", "text").execute();
  await users()
    .addColumn("agreement", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await users().addColumn("sign_up_ip", "text").execute();
  await users()
    .addColumn("created_by_application_id", "bigint", (c) =>
      c.references("oauth_applications.id").onDelete("set null"),
    )
    .execute();
  await db.schema
    .createTable("invites")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    // Short and typed by people, so stored as is (it grants joining, not access to an account).
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("max_uses", "integer") // null: unlimited
    .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", ts) // null: never
    .addColumn("autofollow", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("comment", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invites_user").on("invites").column("user_id").execute();
  await users()
    .addColumn("invite_id", "bigint", (c) => c.references("invites.id").onDelete("set null"))
    .execute();

  await db.schema
    .createIndex("users_confirmation_token_hash")
    .unique()
    .on("users")
    .column("confirmation_token_hash")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("users_confirmation_token_hash").execute();
  for (const column of [
    "invite_id",
    "created_by_application_id",
    "sign_up_ip",
    "agreement",
    "sign_up_reason",
    "unconfirmed_email",
    "confirmation_sent_at",
    "confirmation_token_hash",
  ]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
  await db.schema.dropTable("invites").execute();
}
