// The job table: enqueue inside the caller's transaction (the job exists exactly when the
// change that needs it committed), claim due jobs with a lease, then complete or retry them.
import type { Db, Dialect } from "../db/index.ts";
import type { JobPayloads, JobQueue, JobType } from "../domain/jobs.ts";

export interface NewJob<T extends JobType> {
  id: string;
  type: T;
  payload: JobPayloads[T];
  runAt: string;
  createdAt: string;
  queue?: JobQueue;
  /** At most one pending or running job per key: a second enqueue is dropped. */
  key?: string;
}

export interface ClaimedJob {
  id: string;
  queue: string;
  type: string;
  payload: unknown;
  key: string | null;
  attempts: number;
  runAt: string;
}

/** Writes the job; false when a job with the same key is already pending or running. */
export async function enqueueJob<T extends JobType>(db: Db, job: NewJob<T>): Promise<boolean> {
  const result = await db
    .insertInto("jobs")
    .values({
      id: job.id,
      queue: job.queue ?? "default",
      type: job.type,
      payload: JSON.stringify(job.payload),
      key: job.key ?? null,
      run_at: job.runAt,
      created_at: job.createdAt,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Leases up to `limit` due jobs of `queue` to `worker` until `leaseUntil`, counting the
 * attempt now (a job whose worker died is retried when its lease ends, and still counts).
 * PostgreSQL workers in several processes skip each other's rows; SQLite has one writer.
 */
export async function claimJobs(
  db: Db,
  dialect: Dialect,
  options: { queue: string; now: string; leaseUntil: string; worker: string; limit: number },
): Promise<ClaimedJob[]> {
  const due = db
    .selectFrom("jobs")
    .select("id")
    .where("queue", "=", options.queue)
    .where("failed_at", "is", null)
    .where("run_at", "<=", options.now)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", options.now)]))
    .orderBy("run_at")
    .orderBy("id")
    .limit(options.limit)
    .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked());
  const rows = await db
    .updateTable("jobs")
    .set((eb) => ({
      locked_until: options.leaseUntil,
      locked_by: options.worker,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", due)
    .returning(["id", "queue", "type", "payload", "key", "attempts", "run_at"])
    .execute();
  return rows
    .map((r) => ({
      id: String(r.id),
      queue: r.queue,
      type: r.type,
      payload: r.payload,
      key: r.key,
      attempts: Number(r.attempts),
      runAt: r.run_at,
    }))
    .sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : 1));
}

/** Done: the row goes (freeing its key). Only the lease holder may complete it. */
export async function completeJob(db: Db, id: string, worker: string): Promise<void> {
  await db.deleteFrom("jobs").where("id", "=", id).where("locked_by", "=", worker).execute();
}

/** Failed this time: run again at `retryAt`, or give up (keeping the row, freeing the key). */
export async function failJob(
  db: Db,
  id: string,
  worker: string,
  outcome: { error: string; retryAt: string } | { error: string; failedAt: string },
): Promise<void> {
  const error = outcome.error.slice(0, 2000);
  await db
    .updateTable("jobs")
    .set(
      "retryAt" in outcome
        ? { run_at: outcome.retryAt, locked_until: null, locked_by: null, last_error: error }
        : {
            failed_at: outcome.failedAt,
            locked_until: null,
            locked_by: null,
            last_error: error,
            key: null,
          },
    )
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}

export interface JobRow {
  id: string;
  queue: string;
  type: string;
  payload: unknown;
  key: string | null;
  runAt: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
}

/** Pending and failed jobs, for operators (`hearth jobs`) and tests. */
export async function listJobs(
  db: Db,
  filter: { type?: string; failed?: boolean } = {},
): Promise<JobRow[]> {
  let query = db.selectFrom("jobs").selectAll().orderBy("run_at").orderBy("id");
  if (filter.type !== undefined) query = query.where("type", "=", filter.type);
  if (filter.failed !== undefined)
    query = query.where("failed_at", filter.failed ? "is not" : "is", null);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: String(r.id),
    queue: r.queue,
    type: r.type,
    payload: r.payload,
    key: r.key,
    runAt: r.run_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    failedAt: r.failed_at,
  }));
}

/** Makes failed jobs due again (operator's retry); returns how many. */
export async function retryFailedJobs(db: Db, now: string, id?: string): Promise<number> {
  let query = db
    .updateTable("jobs")
    .set({ failed_at: null, attempts: 0, run_at: now, last_error: null })
    .where("failed_at", "is not", null);
  if (id !== undefined) query = query.where("id", "=", id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Drops jobs that gave up before `before` (kept a while for inspection). */
export async function purgeFailedJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("failed_at", "is not", null)
    .where("failed_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a job with this key is pending or running. */
export async function hasPendingJob(db: Db, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("key", "=", key)
    .where("failed_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Not run now after all (its lane's per-host limit is full): the lease is given back, the
 * attempt not counted, and the job waits until `runAt`.
 */
export async function deferJob(db: Db, id: string, worker: string, runAt: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set((eb) => ({
      run_at: runAt,
      locked_until: null,
      locked_by: null,
      attempts: eb("attempts", "-", 1),
    }))
    .where("id", "=", id)
    .where("locked_by", "=", worker)
    .execute();
}
