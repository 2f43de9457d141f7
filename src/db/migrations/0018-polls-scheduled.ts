// Polls and scheduled statuses. A poll belongs to exactly one status (made in the same
// transaction); its options are a JSON list of titles and per-option tallies are counted from
// poll_votes when read, so a vote is one insert plus the two totals. A scheduled status keeps
// the parameters of the post it will become; the uploads it will carry are reserved through
// media_attachments.scheduled_status_id so the orphan cleanup and other posts leave them alone.
import type { Kysely } from "kysely";
import { json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("polls")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().unique().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("options", json(db), (c) => c.notNull())
    .addColumn("multiple", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("hide_totals", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("expires_at", ts)
    .addColumn("votes_count", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("voters_count", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("closed_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("poll_votes")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("poll_id", "bigint", (c) => c.notNull().references("polls.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("choice", "integer", (c) => c.notNull())
    // A remote voter's activity id (federation).
    .addColumn("uri", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  // One vote per choice and voter: the database refuses a double vote even under a race.
  await db.schema
    .createIndex("poll_votes_poll_account_choice")
    .on("poll_votes")
    .columns(["poll_id", "account_id", "choice"])
    .unique()
    .execute();
  await db.schema.createIndex("poll_votes_account").on("poll_votes").column("account_id").execute();
  // As Mastodon's statuses.poll_id: a page of statuses without polls costs no poll query.
  // No foreign key (polls.status_id is the owning side and cascades).
  await db.schema.alterTable("statuses").addColumn("poll_id", "bigint").execute();

  await db.schema
    .createTable("scheduled_statuses")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("scheduled_at", ts, (c) => c.notNull())
    .addColumn("params", json(db), (c) => c.notNull())
    // The Idempotency-Key it was scheduled with: a retried request gets the same one back.
    .addColumn("idempotency_key", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("scheduled_statuses_account")
    .on("scheduled_statuses")
    .columns(["account_id", "scheduled_at"])
    .execute();

  await db.schema
    .alterTable("media_attachments")
    .addColumn("scheduled_status_id", "bigint", (c) =>
      c.references("scheduled_statuses.id").onDelete("set null"),
    )
    .execute();
  await db.schema
    .createIndex("media_attachments_scheduled_status")
    .on("media_attachments")
    .column("scheduled_status_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("media_attachments_scheduled_status").execute();
  await db.schema.alterTable("media_attachments").dropColumn("scheduled_status_id").execute();
  await db.schema.dropTable("scheduled_statuses").execute();
  await db.schema.alterTable("statuses").dropColumn("poll_id").execute();
  await db.schema.dropTable("poll_votes").execute();
  await db.schema.dropTable("polls").execute();
}
