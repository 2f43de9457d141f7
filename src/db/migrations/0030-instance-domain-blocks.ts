// Instance-level federation policy (Mastodon's DomainBlock and DomainAllow).
//
// instance_domain_blocks: one row per blocked domain (lower-case punycode, optionally with a
// port), covering its subdomains. severity suspend | silence | noop; reject_media and
// reject_reports apply with any severity. private_comment is for the staff, public_comment
// is what GET /api/v1/instance/domain_blocks may show; obfuscate hides part of the name there.
// instance_domain_allows: the servers that federate in allow-list mode.
// accounts.silenced_at: Mastodon's denormalized "limited" mark, set on every account of a
// silenced domain (and on new ones as they arrive), as suspended_at is for suspended domains.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("instance_domain_blocks")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("reject_media", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("reject_reports", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("private_comment", "text")
    .addColumn("public_comment", "text")
    .addColumn("obfuscate", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("instance_domain_allows")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.alterTable("accounts").addColumn("silenced_at", ts).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("accounts").dropColumn("silenced_at").execute();
  await db.schema.dropTable("instance_domain_allows").execute();
  await db.schema.dropTable("instance_domain_blocks").execute();
}
