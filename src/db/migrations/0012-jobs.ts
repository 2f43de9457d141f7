// The durable job queue: side effects (media processing, poll closing, scheduled posts, later
// fan-out and delivery) are rows written in the same transaction as the change that causes
// them, so a crash or restart never loses one. Workers claim due rows with a lease; on
// PostgreSQL several worker processes share the table (FOR UPDATE SKIP LOCKED).
import { type Kysely, sql } from "kysely";
import { json, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("jobs")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    // Separate lanes so a flood of one kind (federation deliveries) cannot starve another.
    .addColumn("queue", "text", (c) => c.notNull().defaultTo("default"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", json(db), (c) => c.notNull())
    // At most one pending or running job per key (a poll's closing, a recurring task).
    .addColumn("key", "text", (c) => c.unique())
    .addColumn("run_at", ts, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", ts)
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    // Set when the job gave up: kept for an operator to inspect or retry.
    .addColumn("failed_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX jobs_due ON jobs (queue, run_at) WHERE failed_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}
