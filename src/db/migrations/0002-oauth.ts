// OAuth 2 as Mastodon runs it (Doorkeeper): registered applications, authorization codes
// (grants) and access tokens. Secrets, codes and tokens are stored as SHA-256 hashes only:
// a leaked database must not hand out working tokens.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);

  await db.schema
    .createTable("oauth_applications")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("website", "text")
    .addColumn("redirect_uris", "text", (c) => c.notNull()) // newline-separated
    .addColumn("scopes", "text", (c) => c.notNull()) // space-separated
    .addColumn("client_id", "text", (c) => c.notNull().unique())
    .addColumn("client_secret_hash", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "bigint", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("oauth_access_grants")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) =>
      c.notNull().references("oauth_applications.id").onDelete("cascade"),
    )
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("code_challenge_method", "text")
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("used_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("oauth_access_tokens")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) =>
      c.notNull().references("oauth_applications.id").onDelete("cascade"),
    )
    // null for client_credentials tokens, which act as the app itself.
    .addColumn("user_id", "bigint", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("grant_id", "bigint")
    .addColumn("last_used_at", ts)
    .addColumn("revoked_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("oauth_access_tokens_user")
    .on("oauth_access_tokens")
    .columns(["user_id", "application_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oauth_access_tokens").execute();
  await db.schema.dropTable("oauth_access_grants").execute();
  await db.schema.dropTable("oauth_applications").execute();
}
