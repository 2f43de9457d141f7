// Federation foundation: Fedify's key–value store on our database (caches, idempotency records,
// circuit-breaker state) and the key pairs our actors sign with.
import { type Kysely, sql } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("fedify_kv")
    // The key array as JSON text (`["_fedify","remoteDocument","https://…"]`): prefix listing
    // is a range on this column.
    .addColumn("key", "text", (c) => c.primaryKey())
    // JSON text on both databases, parsed by the repository: jsonb refuses \u0000 inside
    // strings (remote documents may hold one), and SQLite would store a bare number as one.
    .addColumn("value", "text", (c) => c.notNull())
    // null: kept until deleted. Reads treat a passed expiry as absent; a cleanup removes them.
    .addColumn("expires_at", ts)
    .execute();
  await sql`CREATE INDEX fedify_kv_expires_at ON fedify_kv (expires_at) WHERE expires_at IS NOT NULL`.execute(
    db,
  );

  await db.schema
    .createTable("account_keys")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    // null: the instance actor (/actor), which has no account row.
    .addColumn("account_id", "bigint", (c) => c.references("accounts.id").onDelete("cascade"))
    // "rsa" (RSASSA-PKCS1-v1_5, 2048 bits: HTTP signatures) or "ed25519" (integrity proofs).
    .addColumn("type", "text", (c) => c.notNull())
    // JWK as JSON text; the private one sealed with the server secret (lib/secret-box.ts).
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  // One key of each type per actor: generated once, never replaced behind peers' backs.
  await sql`CREATE UNIQUE INDEX account_keys_account_type ON account_keys (account_id, type) WHERE account_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX account_keys_instance_type ON account_keys (type) WHERE account_id IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("account_keys").execute();
  await db.schema.dropTable("fedify_kv").execute();
}
