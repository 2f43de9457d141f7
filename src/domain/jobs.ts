// The kinds of job and what each carries. A payload is plain JSON (ids, not rows): the worker
// loads fresh state when it runs, which may be much later or after a restart.
//
// To add a job: name it here, give it a handler in src/jobs/handlers.ts, and enqueue it with
// repos/jobs.ts `enqueueJob` inside the transaction that makes it necessary.

// biome-ignore lint/complexity/noBannedTypes: a job that needs no data
type Nothing = {};

export interface JobPayloads {
  /** Remove uploads never attached to a post (recurring). */
  "media.cleanup": Nothing;
}

export type JobType = keyof JobPayloads;

export interface JobSpec<T extends JobType = JobType> {
  type: T;
  payload: JobPayloads[T];
}

/** Lanes: a flood in one (federation) never starves the other. */
export type JobQueue = "default" | "federation";

/** Delay before retry `attempt` (1-based): 15 s, 1 min, 4 min … capped at 6 h, as a ladder
 *  rather than Sidekiq's polynomial so a test can state it. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000 * 4 ** Math.max(0, attempt - 1), 6 * 60 * 60 * 1000);
}
