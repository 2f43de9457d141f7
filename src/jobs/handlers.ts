// What each job does: one entry per JobType (domain/jobs.ts). Handlers are thin: they load
// what the payload names and call a service. Throwing means "try again later"; a handler
// that finds its subject gone simply returns.
import type { AppContext } from "../context.ts";
import type { JobPayloads, JobType } from "../domain/jobs.ts";
import { removeOrphanMedia } from "../services/media/cleanup.ts";

export interface JobHandler<T extends JobType> {
  run(ctx: AppContext, payload: JobPayloads[T]): Promise<void>;
  /** Attempts before giving up (default 8). */
  maxAttempts?: number;
}

export type JobHandlers = { [K in JobType]: JobHandler<K> };

/** What the worker looks handlers up in (tests pass their own, keyed by any name). */
export type HandlerTable = Record<
  string,
  { run(ctx: AppContext, payload: never): Promise<void>; maxAttempts?: number }
>;

export const jobHandlers: JobHandlers = {
  "media.cleanup": {
    run: async (ctx) => {
      await removeOrphanMedia(ctx, ctx.clock.now());
    },
    maxAttempts: 1,
  },
};

/** Jobs that re-enqueue themselves after each run (keyed `recurring:<type>`). */
export const recurringJobs: { type: JobType; everyMs: number }[] = [
  { type: "media.cleanup", everyMs: 60 * 60 * 1000 },
];
