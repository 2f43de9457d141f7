// Fedify's MessageQueue on our durable jobs table (repos/jobs.ts): its outbox fan-out, each
// delivery and each inbox activity become rows of the "fedify" lane, so a restart loses none
// and several PostgreSQL processes share the work (claims use FOR UPDATE SKIP LOCKED).
// Fedify retries on its own (nativeRetrial false): a message whose handler throws is kept as
// failed for `hearth jobs` rather than run again by us.
import type { MessageQueue, MessageQueueEnqueueOptions } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../context.ts";
import { openSecret, sealSecret } from "../lib/secret-box.ts";
import { claimJobs, completeJob, enqueueJob, failJob } from "../repos/jobs.ts";

/** The jobs lane and type of Fedify's messages (not handled by src/jobs/handlers.ts). */
export const FEDIFY_QUEUE = "fedify";
export const FEDIFY_JOB_TYPE = "fedify.message";

const LEASE_MS = 15 * 60 * 1000;
const SEAL = "fedify queue message";
const BATCH = 10;

type Handler = (message: unknown) => Promise<void> | void;

export interface DatabaseMessageQueueOptions {
  /** Wait between polls when nothing is due (default one second). */
  pollMs?: number;
  /** Names this process's leases (default: random). */
  worker?: string;
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
  #wake: (() => void) | null = null;

  constructor(ctx: AppContext, options: DatabaseMessageQueueOptions = {}) {
    this.#ctx = ctx;
    this.#pollMs = options.pollMs ?? 1000;
    this.#worker = options.worker ?? `fedify:${process.pid}:${Math.random().toString(36).slice(2)}`;
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
      for (const job of jobs) {
        try {
          await handler(openQueuedMessage(this.#ctx, job.payload));
          await completeJob(this.#ctx.db, job.id, this.#worker);
        } catch (error) {
          getLogger(["hearth", "federation"]).error("Fedify message {id} failed: {error}", {
            id: job.id,
            error,
          });
          await failJob(this.#ctx.db, job.id, this.#worker, {
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
            failedAt: this.#ctx.clock.now().toISOString(),
          });
        }
      }
      total += jobs.length;
      if (jobs.length < BATCH) return total;
    }
  }

  async listen(handler: Handler, options: { signal?: AbortSignal } = {}): Promise<void> {
    const signal = options.signal;
    while (signal?.aborted !== true) {
      const ran = await this.runDue(handler);
      if (ran > 0) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.#wake = null;
          resolve();
        };
        const timer = setTimeout(done, this.#pollMs);
        this.#wake = done;
        signal?.addEventListener("abort", done, { once: true });
      });
    }
  }
}
