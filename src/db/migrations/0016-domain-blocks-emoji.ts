// User-level domain blocks and custom emoji.
//
// account_domain_blocks: one row per (account, domain); the domain is stored lower-case
// punycode, as accounts.domain is, so the visibility rule compares them with `=`.
// custom_emojis: local ones have a null domain; remote ones (federation) keep their server's.
// A shortcode is unique per domain; NULLs are distinct in a unique index on both databases,
// hence coalesce(domain, '') as for account usernames. The accounts.domain index serves
// "every account of this domain" (blocking a domain, the visibility rule).
import { type Kysely, sql } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("account_domain_blocks")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("account_domain_blocks_account_domain")
    .on("account_domain_blocks")
    .columns(["account_id", "domain"])
    .unique()
    .execute();
  await db.schema
    .createIndex("account_domain_blocks_account_id")
    .on("account_domain_blocks")
    .columns(["account_id", "id"])
    .execute();
  await db.schema.createIndex("accounts_domain").on("accounts").column("domain").execute();

  await db.schema
    .createTable("custom_emojis")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("shortcode", "text", (c) => c.notNull())
    .addColumn("domain", "text") // null for local emoji
    .addColumn("uri", "text", (c) => c.notNull())
    .addColumn("image_key", "text", (c) => c.notNull())
    .addColumn("static_key", "text", (c) => c.notNull())
    .addColumn("visible_in_picker", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("category", "text")
    .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX custom_emojis_shortcode_domain ON custom_emojis (shortcode, coalesce(domain, ''))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("custom_emojis").execute();
  await db.schema.dropIndex("accounts_domain").execute();
  await db.schema.dropTable("account_domain_blocks").execute();
}
