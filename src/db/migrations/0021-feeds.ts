// Materialized feeds (Mastodon's FeedManager, kept in the database rather than Redis): a row
// per (feed, status) written by the fan-out job when a status is posted, so reading home is
// one indexed range scan. `feed` is "home" (feed_id: the reader's account) or "list" (feed_id:
// the list). Entries are capped per feed by a recurring trim.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("feed_entries")
    .addColumn("feed", "text", (c) => c.notNull())
    .addColumn("feed_id", "bigint", (c) => c.notNull())
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    // The author of status_id (the booster for a boost): unfollow, block and mute remove by it.
    .addColumn("account_id", "bigint", (c) => c.notNull())
    // For a boost, the boosted status: a post already in the feed is not repeated by boosts.
    .addColumn("reblog_of_id", "bigint")
    .addPrimaryKeyConstraint("feed_entries_pk", ["feed", "feed_id", "status_id"])
    .execute();
  await sql`CREATE INDEX feed_entries_by_account ON feed_entries (feed, feed_id, account_id)`.execute(
    db,
  );
  await sql`CREATE INDEX feed_entries_by_reblog ON feed_entries (feed, feed_id, reblog_of_id) WHERE reblog_of_id IS NOT NULL`.execute(
    db,
  );
  // The public timelines read this (local and federated, newest first).
  await sql`CREATE INDEX statuses_public ON statuses (id) WHERE visibility = 'public' AND reblog_of_id IS NULL AND deleted_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("statuses_public").execute();
  await db.schema.dropTable("feed_entries").execute();
}
