// A small in-process queue for media processing, one per AppContext. Work runs off the request
// path (POST /api/v2/media answers 202 at once) with bounded concurrency, so a burst of
// uploads cannot run many sharp pipelines at the same time. The row is written before a task is
// queued and every task ends by marking it done or failed, so nothing is lost silently; a task
// cut short by a crash leaves an unattached row that the orphan cleanup removes after a day.
//
// Tests drive it deterministically: pause() holds tasks back, resume() lets them run, idle()
// resolves when nothing is queued or running.
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";

const CONCURRENCY = 2;

export interface MediaQueue {
  /** Runs `task` later; resolves when it has run. Its errors are logged, never thrown here. */
  enqueue(task: () => Promise<void>): Promise<void>;
  idle(): Promise<void>;
  pause(): void;
  resume(): void;
}

function createQueue(): MediaQueue {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let paused = false;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (running > 0 || waiting.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const pump = () => {
    while (!paused && running < CONCURRENCY && waiting.length > 0) {
      const task = waiting.shift() as () => Promise<void>;
      running++;
      void task().finally(() => {
        running--;
        pump();
        settle();
      });
    }
  };
  return {
    enqueue(task) {
      return new Promise<void>((resolve) => {
        waiting.push(async () => {
          try {
            await task();
          } catch (error) {
            getLogger(["hearth", "media"]).error("Media processing failed: {error}", { error });
          } finally {
            resolve();
          }
        });
        // Started on the next turn, so the request that queued it answers first.
        setImmediate(pump);
      });
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      pump();
    },
  };
}

const queues = new WeakMap<AppContext, MediaQueue>();

export function mediaQueue(ctx: AppContext): MediaQueue {
  let queue = queues.get(ctx);
  if (queue === undefined) {
    queue = createQueue();
    queues.set(ctx, queue);
  }
  return queue;
}
