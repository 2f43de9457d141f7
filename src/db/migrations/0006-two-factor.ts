// Two-factor sign-in: a TOTP seed per user (sealed with the server's key, see lib/secret-box)
// and single-use recovery codes (hashed). Kept out of `users` so the hot user row stays small.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("user_two_factor")
    .addColumn("user_id", "bigint", (c) =>
      c.primaryKey().references("users.id").onDelete("cascade"),
    )
    // Set while the user scans the QR code; moves to otp_secret once a code proves it works.
    .addColumn("pending_secret", "text")
    .addColumn("otp_secret", "text")
    .addColumn("enabled_at", ts)
    // The last 30-second step a code was accepted for: a code cannot be used twice.
    .addColumn("last_used_step", "bigint")
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("user_recovery_codes_user")
    .on("user_recovery_codes")
    .column("user_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_two_factor").execute();
}
