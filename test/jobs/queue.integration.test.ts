// The durable job queue on both databases: a job runs once and goes, failures retry on the
// ladder and finally stay as failed, keys deduplicate, leases of dead workers expire, and
// concurrent claimers never take the same job.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type JobType, retryDelayMs } from "../../src/domain/jobs.ts";
import { type HandlerTable, recurringJobs } from "../../src/jobs/handlers.ts";
import { createWorker, ensureRecurringJobs, runDueJobs } from "../../src/jobs/worker.ts";
import { claimJobs, enqueueJob, listJobs, retryFailedJobs } from "../../src/repos/jobs.ts";
import { describeEachDatabase, type Rig } from "../rig/index.ts";

const at = (rig: Rig) => rig.clock.now().toISOString();

async function add(
  rig: Rig,
  type: string,
  payload: unknown,
  extra: { key?: string; inMs?: number } = {},
) {
  const now = rig.clock.now();
  return enqueueJob(rig.ctx.db, {
    id: rig.ctx.newId(),
    type: type as JobType,
    payload: payload as never,
    runAt: new Date(now.getTime() + (extra.inMs ?? 0)).toISOString(),
    createdAt: now.toISOString(),
    ...(extra.key === undefined ? {} : { key: extra.key }),
  });
}

async function clear(rig: Rig) {
  await rig.ctx.db.deleteFrom("jobs").execute();
}

describeEachDatabase("job queue", (rig) => {
  test("a due job runs once with its payload and is removed; a later one waits", async () => {
    await clear(rig());
    const seen: unknown[] = [];
    const handlers: HandlerTable = {
      "test.echo": { run: async (_ctx, payload: never) => void seen.push(payload) },
    };
    await add(rig(), "test.echo", { n: 1 });
    await add(rig(), "test.echo", { n: 2 }, { inMs: 60_000 });
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 1);
    assert.deepEqual(seen, [{ n: 1 }]);
    assert.equal((await listJobs(rig().ctx.db)).length, 1);
    rig().clock.advance(60_000);
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 1);
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(await listJobs(rig().ctx.db), []);
  });

  test("a failing job retries on the ladder, then stays as failed with its error", async () => {
    await clear(rig());
    let calls = 0;
    const handlers: HandlerTable = {
      "test.fail": {
        maxAttempts: 3,
        run: async () => {
          calls++;
          throw new Error("peer is down");
        },
      },
    };
    await add(rig(), "test.fail", {});
    await runDueJobs(rig().ctx, { handlers });
    assert.equal(calls, 1);
    let [job] = await listJobs(rig().ctx.db);
    assert.equal(job?.attempts, 1);
    assert.match(job?.lastError ?? "", /peer is down/);
    assert.equal(job?.failedAt, null);
    // Not due before its delay.
    rig().clock.advance(retryDelayMs(1) - 1000);
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 0);
    rig().clock.advance(1000);
    await runDueJobs(rig().ctx, { handlers });
    rig().clock.advance(retryDelayMs(2));
    await runDueJobs(rig().ctx, { handlers });
    assert.equal(calls, 3);
    [job] = await listJobs(rig().ctx.db, { failed: true });
    assert.equal(job?.failedAt, at(rig()));
    rig().clock.advance(24 * 3600_000);
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 0, "a failed job stays put");
    // An operator's retry makes it due again.
    assert.equal(await retryFailedJobs(rig().ctx.db, at(rig())), 1);
    await runDueJobs(rig().ctx, { handlers });
    assert.equal(calls, 4);
  });

  test("an unknown job type fails at once rather than looping", async () => {
    await clear(rig());
    await add(rig(), "test.nobody-handles-this", {});
    await runDueJobs(rig().ctx, { handlers: {} });
    const [job] = await listJobs(rig().ctx.db, { failed: true });
    assert.match(job?.lastError ?? "", /unknown job type/);
  });

  test("a key allows one pending job; it frees when the job finishes or gives up", async () => {
    await clear(rig());
    assert.equal(await add(rig(), "test.echo", {}, { key: "poll:1" }), true);
    assert.equal(await add(rig(), "test.echo", {}, { key: "poll:1" }), false);
    assert.equal((await listJobs(rig().ctx.db)).length, 1);
    await runDueJobs(rig().ctx, { handlers: { "test.echo": { run: async () => {} } } });
    assert.equal(await add(rig(), "test.echo", {}, { key: "poll:1" }), true);
    await runDueJobs(rig().ctx, {
      handlers: {
        "test.echo": {
          maxAttempts: 1,
          run: async () => {
            throw new Error("no");
          },
        },
      },
    });
    assert.equal(
      await add(rig(), "test.echo", {}, { key: "poll:1" }),
      true,
      "failed job frees its key",
    );
  });

  test("a job leased by a worker that died runs again when the lease ends", async () => {
    await clear(rig());
    await add(rig(), "test.echo", {});
    const now = rig().clock.now();
    const leased = await claimJobs(rig().ctx.db, rig().ctx.dialect, {
      queue: "default",
      worker: "dead-worker",
      limit: 10,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
    });
    assert.equal(leased.length, 1);
    let runs = 0;
    const handlers: HandlerTable = { "test.echo": { run: async () => void runs++ } };
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 0, "leased: not taken");
    rig().clock.advance(60_001);
    assert.equal(await runDueJobs(rig().ctx, { handlers }), 1);
    assert.equal(runs, 1);
    assert.deepEqual(await listJobs(rig().ctx.db), []);
  });

  test("claimers running at the same time never take the same job", async () => {
    await clear(rig());
    for (let i = 0; i < 40; i++) await add(rig(), "test.echo", { i });
    const now = rig().clock.now();
    const claims = await Promise.all(
      ["w1", "w2", "w3", "w4"].map((worker) =>
        claimJobs(rig().ctx.db, rig().ctx.dialect, {
          queue: "default",
          worker,
          limit: 15,
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
        }),
      ),
    );
    const ids = claims.flat().map((j) => j.id);
    assert.equal(ids.length, 40);
    assert.equal(new Set(ids).size, 40);
  });

  test("the background worker runs jobs as they come and stops cleanly", async () => {
    await clear(rig());
    const done: number[] = [];
    const worker = createWorker(rig().ctx, {
      pollMs: 10,
      handlers: {
        "test.echo": { run: async (_c, p: never) => void done.push((p as { i: number }).i) },
      },
    });
    worker.start();
    for (let i = 0; i < 5; i++) await add(rig(), "test.echo", { i });
    worker.wake();
    for (let tries = 0; done.length < 5 && tries < 500; tries++)
      await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    assert.deepEqual(done.sort(), [0, 1, 2, 3, 4]);
    // The worker scheduled the recurring jobs when it started.
    const recurring = await listJobs(rig().ctx.db, { type: "media.cleanup" });
    assert.equal(recurring.length, 1);
    assert.equal(recurring[0]?.key, "recurring:media.cleanup");
  });

  test("a recurring job queues its next run after running", async () => {
    await clear(rig());
    await ensureRecurringJobs(rig().ctx);
    await ensureRecurringJobs(rig().ctx);
    assert.equal((await listJobs(rig().ctx.db, { type: "media.cleanup" })).length, 1);
    rig().clock.advance(3600_000);
    // Every recurring job due within the hour ran once (and queued its next run).
    assert.equal(
      await runDueJobs(rig().ctx),
      recurringJobs.filter((r) => r.everyMs <= 3600_000).length,
    );
    const [next] = await listJobs(rig().ctx.db, { type: "media.cleanup" });
    assert.equal(next?.runAt, new Date(rig().clock.now().getTime() + 3600_000).toISOString());
  });
});
