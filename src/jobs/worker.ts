// Runs jobs: claims due rows of one queue with a lease, runs their handlers with bounded
// concurrency, then completes them or schedules a retry (domain/jobs.ts retryDelayMs). A
// worker polls (once a second when idle), so any number of processes can share a PostgreSQL
// table without coordination beyond SKIP LOCKED; `wake()` skips the wait after a local enqueue.
//
// Tests and the CLI use runDueJobs(): everything due by the context's clock, run to the end.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../context.ts";
import { type JobQueue, type JobType, retryDelayMs } from "../domain/jobs.ts";
import { type ClaimedJob, claimJobs, completeJob, enqueueJob, failJob } from "../repos/jobs.ts";
import { type HandlerTable, jobHandlers, recurringJobs } from "./handlers.ts";

const DEFAULT_MAX_ATTEMPTS = 8;
/** Longer than any handler should take (a video transcode); a lease that ends re-runs the job. */
const LEASE_MS = 15 * 60 * 1000;

export interface WorkerOptions {
  queue?: JobQueue;
  concurrency?: number;
  pollMs?: number;
  handlers?: HandlerTable;
}

export interface Worker {
  start(): void;
  /** Stops claiming, then waits for running jobs (their leases cover a hard stop). */
  stop(): Promise<void>;
  wake(): void;
}

const log = () => getLogger(["hearth", "jobs"]);

function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

async function claim(ctx: AppContext, queue: string, worker: string, limit: number) {
  const now = ctx.clock.now();
  return claimJobs(ctx.db, ctx.dialect, {
    queue,
    worker,
    limit,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
  });
}

/** Runs one claimed job to completion, retry or failure; never throws. */
async function runJob(
  ctx: AppContext,
  handlers: HandlerTable,
  job: ClaimedJob,
  worker: string,
): Promise<void> {
  const handler = handlers[job.type];
  try {
    if (handler === undefined) {
      await failJob(ctx.db, job.id, worker, {
        error: `unknown job type ${job.type}`,
        failedAt: ctx.clock.now().toISOString(),
      });
      return;
    }
    try {
      await handler.run(ctx, job.payload as never);
      await completeJob(ctx.db, job.id, worker);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const now = ctx.clock.now();
      const giveUp = job.attempts >= (handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      log().warn("Job {type} {id} failed (attempt {attempts}{final}): {error}", {
        type: job.type,
        id: job.id,
        attempts: job.attempts,
        final: giveUp ? ", giving up" : "",
        error,
      });
      await failJob(
        ctx.db,
        job.id,
        worker,
        giveUp
          ? { error: message, failedAt: now.toISOString() }
          : {
              error: message,
              retryAt: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
            },
      );
    }
    // A recurring job schedules its next run whatever happened (a retry still holds the key,
    // so this is then a no-op).
    const recurring = recurringJobs.find((r) => r.type === job.type);
    if (recurring !== undefined) await scheduleRecurring(ctx, recurring);
  } catch (error) {
    // The database itself failed: the lease runs out and another attempt follows.
    log().error("Job {id} could not be recorded: {error}", { id: job.id, error });
  }
}

async function scheduleRecurring(
  ctx: AppContext,
  recurring: { type: JobType; everyMs: number },
): Promise<void> {
  const now = ctx.clock.now();
  await enqueueJob(ctx.db, {
    id: ctx.newId(),
    type: recurring.type,
    payload: {},
    key: `recurring:${recurring.type}`,
    runAt: new Date(now.getTime() + recurring.everyMs).toISOString(),
    createdAt: now.toISOString(),
  });
}

/** Makes sure each recurring job has its next run queued (at start of a worker). */
export async function ensureRecurringJobs(ctx: AppContext): Promise<void> {
  for (const recurring of recurringJobs) await scheduleRecurring(ctx, recurring);
}

/** Runs every job of `queue` due now (by ctx.clock), including ones they enqueue; returns the count. */
export async function runDueJobs(
  ctx: AppContext,
  options: { queue?: JobQueue; handlers?: HandlerTable } = {},
): Promise<number> {
  const worker = workerId();
  const handlers = options.handlers ?? jobHandlers;
  let ran = 0;
  for (;;) {
    const jobs = await claim(ctx, options.queue ?? "default", worker, 50);
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      await runJob(ctx, handlers, job, worker);
      ran++;
    }
    // Safety net for a handler that re-enqueues itself as due forever.
    if (ran > 100_000) throw new Error("runDueJobs: jobs keep coming");
  }
}

export function createWorker(ctx: AppContext, options: WorkerOptions = {}): Worker {
  const queue = options.queue ?? "default";
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const handlers = options.handlers ?? jobHandlers;
  const worker = workerId();
  const running = new Set<Promise<void>>();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let waiting: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      clearTimeout(timer);
      waiting = undefined;
    });

  async function loop(): Promise<void> {
    while (!stopped) {
      const free = concurrency - running.size;
      let jobs: ClaimedJob[] = [];
      if (free > 0) {
        try {
          jobs = await claim(ctx, queue, worker, free);
        } catch (error) {
          log().error("Claiming jobs failed: {error}", { error });
        }
      }
      for (const job of jobs) {
        const p = runJob(ctx, handlers, job, worker).finally(() => {
          running.delete(p);
          waiting?.();
        });
        running.add(p);
      }
      if (jobs.length === 0 || running.size >= concurrency) await sleep();
    }
  }

  let looping: Promise<void> | undefined;
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      looping = ensureRecurringJobs(ctx)
        .catch((error) => log().error("Scheduling recurring jobs failed: {error}", { error }))
        .then(loop);
    },
    async stop() {
      stopped = true;
      waiting?.();
      await looping;
      await Promise.all(running);
    },
    wake() {
      waiting?.();
    },
  };
}
