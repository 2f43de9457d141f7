// Password reset links. A table rather than Devise's two columns on users: each link is a row
// with its own state, so a used link can say "already used" instead of "not valid", and the
// rows show when resets were asked for. Only the SHA-256 of the token is stored.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("password_resets")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", ts, (c) => c.notNull())
    // Set when the link was used, or when a newer link replaced it (only the newest works).
    .addColumn("used_at", ts)
    .execute();
  await db.schema
    .createIndex("password_resets_user")
    .on("password_resets")
    .column("user_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("password_resets").execute();
}
