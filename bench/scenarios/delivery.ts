// S4 outbound delivery: one public post by an author whose R remote followers are each on
// their own simulated server (127.0.0.2 … on loopback, one node:http sink per address), timed
// from the hand-off to the delivery job until every sink got its POST. Hearth runs in this
// process: the `federation.deliver` job (build the Create from the database, recipients,
// unavailable-server check) then Fedify's queue on our jobs table, consumed by listen() with
// its per-host limits. The baseline is a minimal @fedify/fedify app (bench/lib/fedify-baseline.ts:
// in-memory kv and queue, same key types) sending a Create(Note) to the same R inboxes in the
// same run. R = 100 by default (quick 20); `S4_SERVERS=1000` for performance.md's 1k.
import { performance } from "node:perf_hooks";
import { Create, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { federationFor } from "../../src/federation/outbox/instance.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { enqueueDelivery } from "../../src/services/federation/enqueue-delivery.ts";
import { upsertRemoteAccount } from "../../src/services/federation/remote-account.ts";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { startFedifyBaseline } from "../lib/fedify-baseline.ts";
import { createUsers, startInProcess } from "../lib/in-process.ts";
import { startSinks } from "../lib/inbox-sinks.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

interface Sample {
  run: number;
  kind: "hearth" | "baseline";
  ms: number;
  delivered: number;
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const servers = Number(process.env.S4_SERVERS ?? (ctx.quick ? 20 : 100));
  if (!Number.isInteger(servers) || servers < 1 || servers > 10_000)
    throw new Error("S4_SERVERS must be a whole number from 1 to 10000");
  const runs = ctx.quick ? 1 : 3;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply: everything runs in this process");
  const sinks = await startSinks(servers);
  const hearth = await startInProcess({
    HEARTH_RATE_LIMITS: "false",
    HEARTH_ALLOW_PRIVATE_FEDERATION: "true",
  });
  const baseline = await startFedifyBaseline(new URL("http://127.0.0.1:9/"), {
    concurrency: hearth.ctx.config.federationConcurrency,
  });
  const samples: Sample[] = [];
  const stopQueue = new AbortController();
  try {
    const app = hearth.ctx;
    const [author] = await createUsers(hearth, ["author"]);
    const at = app.clock.now().toISOString();
    for (const [i, base] of sinks.bases.entries()) {
      const account = await upsertRemoteAccount(app, {
        uri: `${base}/users/f${i}`,
        username: `f${i}`,
        domain: new URL(base).host,
        url: null,
        name: null,
        summary: null,
        fields: [],
        avatarUrl: null,
        headerUrl: null,
        locked: false,
        bot: false,
        discoverable: null,
        indexable: false,
        memorial: false,
        inboxUrl: `${base}/users/f${i}/inbox`,
        sharedInboxUrl: `${base}/inbox`,
        outboxUrl: null,
        followersUrl: null,
        followingUrl: null,
        featuredUrl: null,
        followersCount: null,
        followingCount: null,
        statusesCount: null,
        publishedAt: null,
        emojis: [],
      });
      await app.db
        .insertInto("follows")
        .values({
          id: app.newId(),
          account_id: account.id,
          target_account_id: author!.accountId,
          uri: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    // Fedify's messages on our jobs table, consumed as `hearth serve` does.
    void federationFor(app).startQueue(app, { signal: stopQueue.signal });
    const recipients = sinks.bases.map((base, i) => ({
      id: new URL(`${base}/users/f${i}`),
      inboxId: new URL(`${base}/users/f${i}/inbox`),
      endpoints: { sharedInbox: new URL(`${base}/inbox`) },
    }));
    const bctx = baseline.federation.createContext(baseline.origin);
    for (let r = 1; r <= runs; r++) {
      const order =
        r % 2 === 1 ? (["hearth", "baseline"] as const) : (["baseline", "hearth"] as const);
      for (const kind of order) {
        const expected = sinks.received() + servers;
        let t0: number;
        if (kind === "hearth") {
          const posted = await createStatus(app, author!.accountId, {
            text: `delivery run ${r}`,
            visibility: "public",
          });
          if (posted.type !== "ok") throw new Error(`posting failed: ${posted.type}`);
          t0 = performance.now();
          await enqueueDelivery(app, "status", author!.accountId, posted.federate);
          await runDueJobs(app);
        } else {
          t0 = performance.now();
          const actor = bctx.getActorUri("author");
          const id = new URL(`${baseline.origin.href}notes/${r}`);
          await bctx.sendActivity(
            { identifier: "author" },
            recipients,
            new Create({
              id: new URL(`${id.href}/activity`),
              actor,
              to: PUBLIC_COLLECTION,
              object: new Note({
                id,
                attribution: actor,
                content: `<p>delivery run ${r}</p>`,
                to: PUBLIC_COLLECTION,
              }),
            }),
            { preferSharedInbox: true },
          );
        }
        // Bounded: a delivery that never arrives makes the run invalid, not endless.
        let timer: NodeJS.Timeout | undefined;
        const arrived = await Promise.race([
          sinks.until(expected).then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), 120_000);
          }),
        ]);
        clearTimeout(timer);
        const ms = performance.now() - t0;
        const delivered = servers - Math.max(0, expected - sinks.received());
        if (!arrived) {
          problems.push(`run ${r}, ${kind}: ${delivered} of ${servers} delivered within 120 s`);
          break;
        }
        samples.push({ run: r, kind, ms, delivered });
        ctx.log(`run ${r}, ${kind}: ${servers} inboxes in ${ms.toFixed(0)} ms`);
      }
    }
  } finally {
    stopQueue.abort();
    baseline.stop();
    await hearth.stop();
    await sinks.close();
  }
  const pick = (kind: Sample["kind"]) =>
    summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms));
  const h = pick("hearth");
  const b = pick("baseline");
  const perSecond = (ms: number) => (servers * 1000) / ms;
  const markdown = [
    `${runs} run(s), order alternated; one public post to ${servers} followers on ${servers} simulated servers (one loopback address each, shared inboxes), timed from the hand-off until every server got its POST. Hearth: the \`federation.deliver\` job, then Fedify's queue on the jobs table (SQLite) consumed by listen() (${hearth.ctx.config.federationConcurrency} at once, ${hearth.ctx.config.deliveryHostConcurrency} per host). Baseline: a minimal @fedify/fedify app (in-memory kv, in-process queue run by ParallelMessageQueue at the same concurrency, RSA + Ed25519 keys) sending the same Create to the same inboxes.`,
    "",
    "| | median ms (min–max) | deliveries/s |",
    "|---|---|---|",
    `| Hearth | ${h.median.toFixed(0)} (${h.min.toFixed(0)}–${h.max.toFixed(0)}) | ${perSecond(h.median).toFixed(0)} |`,
    `| Fedify baseline | ${b.median.toFixed(0)} (${b.min.toFixed(0)}–${b.max.toFixed(0)}) | ${perSecond(b.median).toFixed(0)} |`,
    "",
    `Ratio (Hearth / baseline time): ${(h.median / b.median).toFixed(2)}, with R = ${servers} (performance.md asks for 1k and 10k; set S4_SERVERS).`,
  ].join("\n");
  return {
    ok: problems.length === 0,
    problems,
    parameters: { servers, runs },
    samples: samples.map((s) => ({ ...s, ms: round(s.ms, 1) })),
    summary: {
      hearth: roundStats(h),
      baseline: roundStats(b),
      ratio: round(h.median / b.median, 2),
      hearthDeliveriesPerSecond: round(perSecond(h.median), 0),
      baselineDeliveriesPerSecond: round(perSecond(b.median), 0),
    },
    headlines: [
      {
        label: `delivery of one post to ${servers} servers (median)`,
        value: round(h.median, 0),
        unit: "ms",
        baseline: round(b.median, 0),
        ratio: round(h.median / b.median, 2),
        target: "≥ 2,000 deliveries/s",
        met: perSecond(h.median) >= 2000,
      },
    ],
    markdown,
  };
}

export const scenario: Scenario = {
  name: "delivery",
  ref: "S4",
  title: "Outbound delivery of one post to R servers",
  description:
    "Time to deliver one public post to followers on R simulated servers, as a ratio to a minimal Fedify app sending the same activity.",
  run,
};
