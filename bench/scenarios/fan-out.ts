// S2 fan-out: how long the `status.fan-out` job takes to put one new public post into the
// home feeds of 10k and 100k local followers (quick: 1k and 10k), against a bare
// `INSERT … SELECT` of the same feed rows from the follows table into the same SQLite
// database — the least work any fan-out must do. Hearth runs in this process (no worker: the
// service is called directly, as the job would), on a temp data dir.
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { fanOutStatus } from "../../src/services/timelines/fan-out.ts";
import { seedFollowers } from "../lib/followers.ts";
import { startInProcess } from "../lib/in-process.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

interface Sample {
  followers: number;
  run: number;
  kind: "hearth" | "baseline";
  ms: number;
  delivered: number;
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const sizes = ctx.quick ? [1_000, 10_000] : [10_000, 100_000];
  const runs = ctx.quick ? 2 : 3;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply: everything runs in this process");
  const hearth = await startInProcess({ HEARTH_RATE_LIMITS: "false" });
  const samples: Sample[] = [];
  try {
    const db = hearth.ctx.db;
    for (const size of sizes) {
      const started = performance.now();
      const authorId = await seedFollowers(hearth.ctx, size);
      ctx.log(`${size} followers seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      for (let r = 1; r <= runs; r++) {
        const order =
          r % 2 === 1 ? (["hearth", "baseline"] as const) : (["baseline", "hearth"] as const);
        for (const kind of order) {
          const posted = await createStatus(hearth.ctx, authorId, {
            text: `fan-out ${size} run ${r} ${kind} #bench`,
            visibility: "public",
          });
          if (posted.type !== "ok") throw new Error(`posting failed: ${posted.type}`);
          const statusId = posted.status.id;
          const t0 = performance.now();
          let delivered = 0;
          if (kind === "hearth") {
            delivered = (await fanOutStatus(hearth.ctx, statusId)).length;
          } else {
            const result = await sql`
              INSERT INTO feed_entries (feed, feed_id, status_id, account_id, reblog_of_id)
              SELECT 'home', f.account_id, ${statusId}, ${authorId}, NULL
              FROM follows f WHERE f.target_account_id = ${authorId}
              ON CONFLICT DO NOTHING`.execute(db);
            delivered = Number(result.numAffectedRows ?? 0);
          }
          const ms = performance.now() - t0;
          samples.push({ followers: size, run: r, kind, ms, delivered });
          ctx.log(`${size} followers, run ${r}, ${kind}: ${ms.toFixed(0)} ms, ${delivered} feeds`);
          // The job queue got a fan-out job from createStatus; the run above stood in for it.
          await db.deleteFrom("jobs").where("type", "=", "status.fan-out").execute();
        }
      }
      const expected = samples.filter((s) => s.followers === size && s.kind === "hearth");
      if (expected.some((s) => s.delivered < size))
        problems.push(`${size}: Hearth delivered to fewer than ${size} feeds`);
    }
  } finally {
    await hearth.stop();
  }

  const bySize = sizes.map((size) => {
    const pick = (kind: Sample["kind"]) =>
      summarize(samples.filter((s) => s.followers === size && s.kind === kind).map((s) => s.ms));
    const h = pick("hearth");
    const b = pick("baseline");
    return { size, hearth: h, baseline: b, ratio: h.median / b.median };
  });
  const markdown = [
    `${runs} run(s) per size, order alternated; each run posts a new public status by an author with that many local, active followers, then times Hearth's fan-out service (the \`status.fan-out\` job's work: audience query in batches of 1000 with blocks, mutes, languages and reply rules; inserts; an \`update\` event per reader on the in-memory pub/sub) against one bare \`INSERT … SELECT\` of the same rows. SQLite file database, WAL.`,
    "",
    "| Followers | Hearth median ms (min–max) | µs per follower | bare INSERT…SELECT median ms | ratio |",
    "|---|---|---|---|---|",
    ...bySize.map(
      (x) =>
        `| ${x.size} | ${x.hearth.median.toFixed(0)} (${x.hearth.min.toFixed(0)}–${x.hearth.max.toFixed(0)}) | ${((x.hearth.median * 1000) / x.size).toFixed(1)} | ${x.baseline.median.toFixed(0)} | ${x.ratio.toFixed(2)} |`,
    ),
    "",
    "The author never waits for this: posting only enqueues the job (see the `post` scenario).",
  ].join("\n");
  return {
    ok: problems.length === 0,
    problems,
    parameters: { sizes, runs },
    samples: samples.map((s) => ({ ...s, ms: round(s.ms, 1) })),
    summary: Object.fromEntries(
      bySize.map((x) => [
        String(x.size),
        {
          hearth: roundStats(x.hearth),
          baseline: roundStats(x.baseline),
          ratio: round(x.ratio, 2),
        },
      ]),
    ),
    headlines: bySize.map((x) => ({
      label: `fan-out to ${x.size} followers (median)`,
      value: round(x.hearth.median, 0),
      unit: "ms",
      baseline: round(x.baseline.median, 0),
      ratio: round(x.ratio, 2),
    })),
    markdown,
  };
}

export const scenario: Scenario = {
  name: "fan-out",
  ref: "S2",
  title: "Home fan-out to 10k and 100k followers",
  description:
    "Time for the fan-out job to fill the home feeds of every local follower of a new post, as a ratio to a bare INSERT…SELECT of the same rows.",
  run,
};
