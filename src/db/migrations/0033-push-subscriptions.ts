// Web Push subscriptions (Mastodon's web_push_subscriptions): at most one per access token,
// gone with the token or the user. The token itself is kept sealed (lib/secret-box.ts)
// because Mastodon's push payload carries it and we store tokens only as hashes.
import type { Kysely } from "kysely";
import { json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("push_subscriptions")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("access_token_id", "bigint", (c) =>
      c.notNull().unique().references("oauth_access_tokens.id").onDelete("cascade"),
    )
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("key_p256dh", "text", (c) => c.notNull())
    .addColumn("key_auth", "text", (c) => c.notNull())
    .addColumn("standard", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("alerts", json(db), (c) => c.notNull())
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("access_token_box", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("push_subscriptions_user_id")
    .on("push_subscriptions")
    .column("user_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("push_subscriptions").execute();
}
