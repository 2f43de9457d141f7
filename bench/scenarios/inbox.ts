// S3 inbox throughput: N signed Create(Note) activities from M remote actors (one simulated
// server, bench/lib/remote-actors.ts; keys already cached: each actor delivered once before
// the clock starts) POSTed to the shared inbox by C concurrent senders. Measured: accepted/s
// and accept latency (202s), and processed/s — from the first POST until every activity was
// handled (Hearth: verified, stored as a status, fanned out to the local follower's home by
// the job worker; the queue consumer and the worker run meanwhile, as in `hearth serve`).
// Hearth runs in this process on SQLite; the baseline is a minimal @fedify/fedify app
// (bench/lib/fedify-baseline.ts: in-memory kv and queue) verifying and queueing the same
// activities and calling a no-op listener. Small scale only: the machine is shared.
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { federationFor } from "../../src/federation/outbox/instance.ts";
import { createWorker } from "../../src/jobs/worker.ts";
import { startFedifyBaseline } from "../lib/fedify-baseline.ts";
import { createUsers, startInProcess } from "../lib/in-process.ts";
import { type RemoteActors, type SignedPost, startRemoteActors } from "../lib/remote-actors.ts";
import { percentile, round } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const LIMIT_MS = 120_000;

interface Sample {
  run: number;
  kind: "hearth" | "baseline";
  activities: number;
  acceptMs: number;
  processMs: number;
  acceptP50: number;
  acceptP99: number;
  non202: number;
}

function create(remote: RemoteActors, i: number, tag: string) {
  const actor = remote.actorUri(i);
  const id = `${actor}/statuses/${tag}`;
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${id}/activity`,
    type: "Create",
    actor,
    to: [PUBLIC],
    cc: [`${actor}/followers`],
    object: {
      id,
      type: "Note",
      attributedTo: actor,
      content: `<p>inbox benchmark ${tag} #bench</p>`,
      to: [PUBLIC],
      cc: [`${actor}/followers`],
    },
  };
}

/** POSTs every request with `concurrency` in flight; latencies in ms and non-202 count. */
async function send(posts: SignedPost[], concurrency: number) {
  const latencies: number[] = [];
  let non202 = 0;
  let next = 0;
  const lane = async () => {
    while (next < posts.length) {
      const post = posts[next++]!;
      const t0 = performance.now();
      const res = await fetch(post.url, { method: "POST", headers: post.headers, body: post.body });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.status !== 202) non202++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { latencies: latencies.sort((a, b) => a - b), non202 };
}

/** Polls `done` every 20 ms until true or LIMIT_MS passed; false on timeout. */
async function waitFor(done: () => Promise<boolean> | boolean): Promise<boolean> {
  const end = performance.now() + LIMIT_MS;
  while (performance.now() < end) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const actors = ctx.quick ? 5 : 20;
  const perRun = ctx.quick ? 100 : 500;
  const runs = ctx.quick ? 1 : 3;
  const concurrency = 16;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply: everything runs in this process");
  const remote = await startRemoteActors(actors);
  const hearth = await startInProcess({
    HEARTH_RATE_LIMITS: "false",
    HEARTH_ALLOW_PRIVATE_FEDERATION: "true",
  });
  let created = 0;
  let baselineApp: Awaited<ReturnType<typeof startFedifyBaseline>> | undefined;
  const baselineServer = serve({
    fetch: (req) => baselineApp!.federation.fetch(req, { contextData: undefined }),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) => baselineServer.once("listening", () => resolve()));
  const port = (baselineServer.address() as { port: number }).port;
  baselineApp = await startFedifyBaseline(new URL(`http://127.0.0.1:${port}/`), {
    concurrency: hearth.ctx.config.federationConcurrency,
    onCreate: () => void created++,
  });
  const app = hearth.ctx;
  const stopQueue = new AbortController();
  void federationFor(app).startQueue(app, { signal: stopQueue.signal });
  const worker = createWorker(app);
  worker.start();
  const samples: Sample[] = [];
  const inboxes = { hearth: `${hearth.origin}/inbox`, baseline: `http://127.0.0.1:${port}/inbox` };
  const remoteStatuses = async () =>
    Number(
      (
        await app.db
          .selectFrom("statuses")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("local", "=", false)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pendingJobs = async () =>
    Number(
      (
        await app.db
          .selectFrom("jobs")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("failed_at", "is", null)
          .where("type", "in", ["fedify.message", "status.fan-out"])
          .executeTakeFirstOrThrow()
      ).n,
    );
  try {
    // Warm-up: each actor delivers once to each side (keys fetched and cached, accounts
    // stored); then a local reader follows every actor, so each post has a home to reach.
    for (const kind of ["hearth", "baseline"] as const) {
      const posts = [];
      for (let i = 0; i < actors; i++)
        posts.push(await remote.sign(i, inboxes[kind], create(remote, i, `warm-${kind}`)));
      const warm = await send(posts, 4);
      if (warm.non202 > 0) problems.push(`warm-up ${kind}: ${warm.non202} non-202 answers`);
    }
    if (!(await waitFor(async () => (await remoteStatuses()) >= actors && created >= actors)))
      problems.push("warm-up activities were not processed");
    const [reader] = await createUsers(hearth, ["reader"]);
    const at = app.clock.now().toISOString();
    for (let i = 0; i < actors; i++) {
      const account = await app.db
        .selectFrom("accounts")
        .select("id")
        .where("uri", "=", remote.actorUri(i))
        .executeTakeFirstOrThrow();
      await app.db
        .insertInto("follows")
        .values({
          id: app.newId(),
          account_id: reader!.accountId,
          target_account_id: account.id,
          uri: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    for (let r = 1; r <= runs && problems.length === 0; r++) {
      const order =
        r % 2 === 1 ? (["hearth", "baseline"] as const) : (["baseline", "hearth"] as const);
      for (const kind of order) {
        const posts: SignedPost[] = [];
        for (let n = 0; n < perRun; n++)
          posts.push(
            await remote.sign(
              n % actors,
              inboxes[kind],
              create(remote, n % actors, `${kind}-${r}-${n}`),
            ),
          );
        const before = kind === "hearth" ? await remoteStatuses() : created;
        const t0 = performance.now();
        const sent = await send(posts, concurrency);
        const acceptMs = performance.now() - t0;
        const processed = await waitFor(async () =>
          kind === "hearth"
            ? (await remoteStatuses()) >= before + perRun && (await pendingJobs()) === 0
            : created >= before + perRun,
        );
        const processMs = performance.now() - t0;
        if (!processed) problems.push(`run ${r}, ${kind}: not processed within ${LIMIT_MS} ms`);
        if (sent.non202 > 0) problems.push(`run ${r}, ${kind}: ${sent.non202} non-202 answers`);
        const after = kind === "hearth" ? await remoteStatuses() : created;
        if (after !== before + perRun)
          problems.push(`run ${r}, ${kind}: ${after - before} stored for ${perRun} sent`);
        samples.push({
          run: r,
          kind,
          activities: perRun,
          acceptMs,
          processMs,
          acceptP50: percentile(sent.latencies, 50),
          acceptP99: percentile(sent.latencies, 99),
          non202: sent.non202,
        });
        ctx.log(
          `run ${r}, ${kind}: ${perRun} accepted in ${acceptMs.toFixed(0)} ms, processed in ${processMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    stopQueue.abort();
    await worker.stop();
    baselineApp.stop();
    await new Promise<void>((resolve) => baselineServer.close(() => resolve()));
    await hearth.stop();
    await remote.close();
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const of = (kind: Sample["kind"]) => {
    const s = samples.filter((x) => x.kind === kind);
    return {
      acceptedPerSecond: median(s.map((x) => (x.activities * 1000) / x.acceptMs)),
      processedPerSecond: median(s.map((x) => (x.activities * 1000) / x.processMs)),
      acceptP99: median(s.map((x) => x.acceptP99)),
    };
  };
  const h = of("hearth");
  const b = of("baseline");
  const markdown = [
    `${runs} run(s) of ${perRun} signed \`Create(Note)\` from ${actors} actors (draft-cavage RSA signatures, keys cached), ${concurrency} POSTs in flight to the shared inbox, order alternated. Hearth: SQLite, Fedify's queue on the jobs table and the job worker running meanwhile (processed = stored as a status and fanned out to one local follower's home). Baseline: a minimal @fedify/fedify app (in-memory kv, in-process queue at the same concurrency) verifying and queueing the same activities for a no-op listener. Medians over runs.`,
    "",
    "| | accepted/s | accept p99 ms | processed/s |",
    "|---|---|---|---|",
    `| Hearth | ${h.acceptedPerSecond.toFixed(0)} | ${h.acceptP99.toFixed(1)} | ${h.processedPerSecond.toFixed(0)} |`,
    `| Fedify baseline | ${b.acceptedPerSecond.toFixed(0)} | ${b.acceptP99.toFixed(1)} | ${b.processedPerSecond.toFixed(0)} |`,
    "",
    "Not measured here (performance.md S3): cold keys, RFC 9421 Ed25519 signatures, duplicates, 500 distinct servers, bursts. The sender runs in the same process as both servers, so its cost counts against each.",
  ].join("\n");
  return {
    ok: problems.length === 0,
    problems,
    parameters: { actors, perRun, runs, concurrency },
    samples: samples.map((s) => ({
      ...s,
      acceptMs: round(s.acceptMs, 1),
      processMs: round(s.processMs, 1),
      acceptP50: round(s.acceptP50, 2),
      acceptP99: round(s.acceptP99, 2),
    })),
    summary: {
      hearth: { ...h },
      baseline: { ...b },
      acceptRatio: round(h.acceptedPerSecond / b.acceptedPerSecond, 2),
      processRatio: round(h.processedPerSecond / b.processedPerSecond, 2),
    },
    headlines: [
      {
        label: "inbox: activities accepted (202) per second",
        value: round(h.acceptedPerSecond, 0),
        unit: "/s",
        baseline: round(b.acceptedPerSecond, 0),
        ratio: round(h.acceptedPerSecond / b.acceptedPerSecond, 2),
        target: "≥ 3,000/s",
        met: h.acceptedPerSecond >= 3000,
      },
      {
        label: "inbox: activities processed per second",
        value: round(h.processedPerSecond, 0),
        unit: "/s",
        baseline: round(b.processedPerSecond, 0),
        ratio: round(h.processedPerSecond / b.processedPerSecond, 2),
        target: "≥ 1,000/s (cached keys)",
        met: h.processedPerSecond >= 1000,
      },
    ],
    markdown,
  };
}

export const scenario: Scenario = {
  name: "inbox",
  ref: "S3",
  title: "Inbox throughput: signed activities accepted and processed",
  description:
    "Signed Create(Note) activities POSTed to the shared inbox: accepted/s and processed/s, as ratios to a minimal Fedify app doing the same verification and queueing.",
  run,
};
