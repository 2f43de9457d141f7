// Fedify's MessageQueue on our durable jobs table (repos/jobs.ts): its outbox fan-out, each
// delivery and each inbox activity become rows of the "fedify" lane, so a restart loses none
// and several PostgreSQL processes share the work (claims use FOR UPDATE SKIP LOCKED).
// Fedify retries on its own (nativeRetrial false): a message whose handler throws is kept as
// failed for `hearth jobs` rather than run again by us.
import type { MessageQueue, MessageQueueEnqueueOptions } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../context.ts";
import { openSecret, sealSecret } from "../lib/secret-box.ts";
import {
  type ClaimedJob,
  claimJobs,
  completeJob,
  deferJob,
  enqueueJob,
  failJob,
} from "../repos/jobs.ts";

/** The jobs lane and type of Fedify's messages (not handled by src/jobs/handlers.ts). */
export const FEDIFY_QUEUE = "fedify";
export const FEDIFY_JOB_TYPE = "fedify.message";

const LEASE_MS = 15 * 60 * 1000;
const SEAL = "fedify queue message";
const BATCH = 10;

type Handler = (message: unknown) => Promise<void> | void;

/** A delivery whose host is at its limit waits this long before it is claimed again. */
const DEFER_MS = 500;
/** The listen() loops of this process now waiting for their next poll. */
const sleeping = new Set<() => void>();

/** The host a message delivers to (Fedify's outbox messages), or null for other work. */
export function deliveryHost(message: unknown): string | null {
  const m = message as { type?: unknown; inbox?: unknown } | null;
  if (m?.type !== "outbox" || typeof m.inbox !== "string") return null;
  try {
    return new URL(m.inbox).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Counts of deliveries in flight per host, each at most `limit`. */
export class HostSlots {
  readonly #limit: number;
  readonly #busy = new Map<string, number>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  take(host: string): boolean {
    const n = this.#busy.get(host) ?? 0;
    if (n >= this.#limit) return false;
    this.#busy.set(host, n + 1);
    return true;
  }

  release(host: string): void {
    const n = (this.#busy.get(host) ?? 1) - 1;
    if (n <= 0) this.#busy.delete(host);
    else this.#busy.set(host, n);
  }
}

export interface DatabaseMessageQueueOptions {
  /** Wait between polls when nothing is due (default one second). */
  pollMs?: number;
  /** Names this process's leases (default: random). */
  worker?: string;
  /** Messages run at once by listen() (default: the config's federationConcurrency). */
  concurrency?: number;
  /** Deliveries to one host at once (default: the config's deliveryHostConcurrency). */
  hostConcurrency?: number;
}

/** A queued message as Fedify gave it (payloads are sealed; older rows may be plain). */
export function openQueuedMessage(ctx: AppContext, payload: unknown): unknown {
  const { sealed, message } = payload as { sealed?: string; message?: unknown };
  if (sealed === undefined) return message;
  const plain = openSecret(ctx.secrets.secretKeyBase, SEAL, sealed);
  if (plain === null) throw new Error("a queued message cannot be opened with this secret");
  return JSON.parse(plain);
}

export class DatabaseMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #ctx: AppContext;
  readonly #pollMs: number;
  readonly #worker: string;
  readonly #concurrency: number;
  readonly #hostConcurrency: number;
  #wake: (() => void) | null = null;

  constructor(ctx: AppContext, options: DatabaseMessageQueueOptions = {}) {
    this.#ctx = ctx;
    this.#pollMs = options.pollMs ?? 1000;
    this.#worker = options.worker ?? `fedify:${process.pid}:${Math.random().toString(36).slice(2)}`;
    this.#concurrency = options.concurrency ?? ctx.config.federationConcurrency;
    this.#hostConcurrency = options.hostConcurrency ?? ctx.config.deliveryHostConcurrency;
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions) {
    const now = this.#ctx.clock.now();
    const delay = options?.delay?.total({ unit: "millisecond" }) ?? 0;
    const runAt = new Date(now.getTime() + Math.max(0, delay)).toISOString();
    for (const message of messages) {
      // Our job types are a closed list (domain/jobs.ts); this lane is Fedify's own.
      await enqueueJob(this.#ctx.db, {
        id: this.#ctx.newId(),
        type: FEDIFY_JOB_TYPE as never,
        // Outbox messages carry the sender's private key: sealed like account_keys, so the jobs
        // table (and `hearth jobs list`) never holds a key in the clear.
        payload: {
          sealed: sealSecret(this.#ctx.secrets.secretKeyBase, SEAL, JSON.stringify(message)),
        } as never,
        queue: FEDIFY_QUEUE as never,
        runAt,
        createdAt: now.toISOString(),
      });
    }
    this.#wake?.();
    // The web app's federation and the consumer's are different instances in one process: an
    // inbox POST or a worker's delivery wakes the consumer instead of waiting out its poll.
    for (const wake of [...sleeping]) wake();
  }

  /**
   * Runs every message due now (by the context's clock) through `handler`, in order; returns
   * how many ran. listen() loops over this; tests call it directly.
   */
  async runDue(handler: Handler): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.#ctx.clock.now();
      const jobs = await claimJobs(this.#ctx.db, this.#ctx.dialect, {
        queue: FEDIFY_QUEUE,
        worker: this.#worker,
        limit: BATCH,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      });
      for (const job of jobs)
        await this.#runOne((m) => handler(openQueuedMessage(this.#ctx, m)), job, job.payload);
      total += jobs.length;
      if (jobs.length < BATCH) return total;
    }
  }

  /** Runs one claimed message; never throws (a failure is kept as a failed job). */
  async #runOne(handler: Handler, job: ClaimedJob, message: unknown): Promise<void> {
    try {
      await handler(message);
      await completeJob(this.#ctx.db, job.id, this.#worker);
    } catch (error) {
      getLogger(["hearth", "federation"]).error("Fedify message {id} failed: {error}", {
        id: job.id,
        error,
      });
      await failJob(this.#ctx.db, job.id, this.#worker, {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        failedAt: this.#ctx.clock.now().toISOString(),
      }).catch(() => {});
    }
  }

  /**
   * Claims due messages while fewer than `concurrency` run, and starts each at once unless it
   * is a delivery to a host that already has `hostConcurrency` in flight: that one is given
   * back for a moment (deferJob), so one slow peer never holds every slot. Returns how many
   * were claimed.
   */
  async #fill(handler: Handler, running: Set<Promise<void>>, hosts: HostSlots, done: () => void) {
    const free = this.#concurrency - running.size;
    if (free <= 0) return 0;
    const now = this.#ctx.clock.now();
    const jobs = await claimJobs(this.#ctx.db, this.#ctx.dialect, {
      queue: FEDIFY_QUEUE,
      worker: this.#worker,
      limit: free,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    });
    for (const job of jobs) {
      let message: unknown;
      try {
        message = openQueuedMessage(this.#ctx, job.payload);
      } catch (error) {
        await this.#runOne(() => Promise.reject(error), job, null);
        continue;
      }
      const host = deliveryHost(message);
      if (host !== null && !hosts.take(host)) {
        const later = new Date(this.#ctx.clock.now().getTime() + DEFER_MS).toISOString();
        await deferJob(this.#ctx.db, job.id, this.#worker, later);
        continue;
      }
      const p: Promise<void> = this.#runOne(handler, job, message).finally(() => {
        if (host !== null) hosts.release(host);
        running.delete(p);
        done();
      });
      running.add(p);
    }
    return jobs.length;
  }

  async listen(handler: Handler, options: { signal?: AbortSignal } = {}): Promise<void> {
    const signal = options.signal;
    const running = new Set<Promise<void>>();
    const hosts = new HostSlots(this.#hostConcurrency);
    while (signal?.aborted !== true) {
      let claimed = 0;
      try {
        claimed = await this.#fill(handler, running, hosts, () => this.#wake?.());
      } catch (error) {
        getLogger(["hearth", "federation"]).error("Claiming Fedify messages failed: {error}", {
          error,
        });
      }
      // More may be due: claim again at once while slots are free.
      if (claimed > 0 && running.size < this.#concurrency) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.#wake = null;
          sleeping.delete(done);
          resolve();
        };
        const timer = setTimeout(done, this.#pollMs);
        this.#wake = done;
        sleeping.add(done);
        signal?.addEventListener("abort", done, { once: true });
      });
    }
    await Promise.all(running);
  }
}
