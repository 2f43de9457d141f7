// Relationships between accounts: follows, pending follow requests, blocks, mutes, private
// notes and endorsements (accounts featured on a profile). Each is one row per ordered pair
// (unique), so writes are idempotent with ON CONFLICT DO NOTHING. Every table is indexed both
// ways: "whom do I follow" and "who follows me" are both hot reads.
import type { Kysely } from "kysely";
import { json, timestamp } from "./column-types.ts";

const PAIR_TABLES = [
  "follows",
  "follow_requests",
  "blocks",
  "mutes",
  "account_notes",
  "account_pins",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  const pair = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("id", "bigint", (c) => c.primaryKey())
      .addColumn("account_id", "bigint", (c) =>
        c.notNull().references("accounts.id").onDelete("cascade"),
      )
      .addColumn("target_account_id", "bigint", (c) =>
        c.notNull().references("accounts.id").onDelete("cascade"),
      );

  // A follow and a request have one shape: authorizing moves the row's options across.
  for (const table of ["follows", "follow_requests"]) {
    await pair(table)
      .addColumn("show_reblogs", "boolean", (c) => c.notNull().defaultTo(true))
      .addColumn("notify", "boolean", (c) => c.notNull().defaultTo(false))
      .addColumn("languages", json(db)) // null: every language
      .addColumn("uri", "text") // the Follow activity's id, for remote follows
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
  }
  await pair("blocks")
    .addColumn("uri", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await pair("mutes")
    .addColumn("hide_notifications", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("expires_at", ts) // null: until unmuted
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await pair("account_notes")
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await pair("account_pins")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  for (const table of PAIR_TABLES) {
    await db.schema
      .createIndex(`${table}_pair`)
      .on(table)
      .columns(["account_id", "target_account_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex(`${table}_target`)
      .on(table)
      .columns(["target_account_id", "account_id"])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...PAIR_TABLES].reverse()) await db.schema.dropTable(table).execute();
}
