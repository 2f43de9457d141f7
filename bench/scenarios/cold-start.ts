// S7 Cold start: process spawn → "listening" line and → first 200 on /health, for Hearth on a
// fresh data dir (empty SQLite file, all migrations run, secrets generated) and on an existing
// one (nothing pending), against a bare node:http server started the same way.
import { makeTempDir } from "../lib/proc.ts";
import { type RunningServer, startHearth, startRaw } from "../lib/servers.ts";
import { round, roundStats, type Stats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

type Variant = "raw" | "fresh" | "existing";
const VARIANTS: Variant[] = ["raw", "fresh", "existing"];
const LABEL: Record<Variant, string> = {
  raw: "bare node:http (`node -e`)",
  fresh: "Hearth, fresh data dir",
  existing: "Hearth, existing data dir",
};
const TARGET_MS = 300;

interface Sample {
  variant: Variant;
  run: number;
  /** spawn → "listening" on stdout, ms. */
  readyLineMs: number;
  /** spawn → first 200 on /health, ms. */
  firstOkMs: number;
  pollAttempts: number;
}

async function measure(variant: Variant, existingDir: string, cpu: number | undefined) {
  let server: RunningServer;
  if (variant === "raw") server = await startRaw({ cpu });
  else if (variant === "fresh") server = await startHearth({ cpu });
  else server = await startHearth({ dataDir: existingDir, cpu });
  await server.stop();
  return {
    readyLineMs: server.readyLineAt - server.spawnedAt,
    firstOkMs: (server.firstOkAt as number) - server.spawnedAt,
    pollAttempts: server.pollAttempts as number,
  };
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const runs = ctx.quick ? 3 : 10;
  const cpu = ctx.pin ? 0 : undefined;
  const existingDir = makeTempDir("existing");
  // Warm-up (not recorded): fills the page cache, and migrates `existingDir` once.
  ctx.log("warm-up: one raw start, one Hearth start that migrates the existing data dir");
  await measure("raw", existingDir, cpu);
  await measure("existing", existingDir, cpu);

  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    // Rotate the order so no variant always runs right after another.
    const order = VARIANTS.map((_, k) => VARIANTS[(k + i) % VARIANTS.length] as Variant);
    for (const variant of order) {
      const m = await measure(variant, existingDir, cpu);
      samples.push({ variant, run: i + 1, ...m });
    }
    ctx.log(
      `run ${i + 1}/${runs}: ${samples
        .slice(-3)
        .map((s) => `${s.variant} ${s.firstOkMs.toFixed(0)} ms`)
        .join(", ")}`,
    );
  }

  const stat = (v: Variant, key: "readyLineMs" | "firstOkMs"): Stats =>
    summarize(samples.filter((s) => s.variant === v).map((s) => s[key]));
  const summary: Record<string, { readyLineMs: Stats; firstOkMs: Stats }> = {};
  for (const v of VARIANTS)
    summary[v] = { readyLineMs: stat(v, "readyLineMs"), firstOkMs: stat(v, "firstOkMs") };
  const raw = summary.raw!.firstOkMs.median;
  const headlines = (["fresh", "existing"] as const).map((v) => {
    const value = summary[v]!.firstOkMs.median;
    return {
      label: `spawn → first 200, ${v} data dir (median)`,
      value: round(value),
      unit: "ms",
      baseline: round(raw),
      ratio: round(value / raw, 2),
      target: `≤ ${TARGET_MS} ms`,
      met: value <= TARGET_MS,
    };
  });

  const row = (v: Variant) => {
    const { firstOkMs: f, readyLineMs: r } = summary[v]!;
    const fmt = (s: Stats) => `${s.min.toFixed(0)} / ${s.median.toFixed(0)} / ${s.p90.toFixed(0)}`;
    const overhead = v === "raw" ? "–" : `+${(f.median - raw).toFixed(0)} ms`;
    return `| ${LABEL[v]} | ${fmt(f)} | ${fmt(r)} | ${(f.cv * 100).toFixed(0)}% | ${overhead} |`;
  };
  const markdown = [
    `${runs} runs per variant (after one unrecorded warm-up), order rotated every run; /health polled every 5 ms from the moment of spawn.`,
    "",
    '| Variant | spawn → first 200, ms (min / median / p90) | spawn → "listening" line, ms | CV (first 200) | Overhead vs bare |',
    "|---|---|---|---|---|",
    ...VARIANTS.map(row),
    "",
    "The baseline is the floor for any Node HTTP server on this machine (process start plus listen).",
    "Hearth prints its line only after boot (config, secrets, database, migrations), so first 200 ≈ ready; the 1M-status database from S7 is not part of this scenario yet.",
  ].join("\n");

  const rounded: Record<string, unknown> = {};
  for (const [v, s] of Object.entries(summary))
    rounded[v] = { readyLineMs: roundStats(s.readyLineMs), firstOkMs: roundStats(s.firstOkMs) };
  return {
    ok: true,
    problems: [],
    parameters: {
      runs,
      warmupRuns: 1,
      pollIntervalMs: 5,
      database: "sqlite (temp HEARTH_DATA_DIR)",
      env: { HEARTH_LOG_LEVEL: "warning", HOST: "127.0.0.1" },
      command: "node src/main.ts serve",
      baseline: "node -e <node:http server answering 200 OK>",
    },
    samples: samples.map((s) => ({
      ...s,
      readyLineMs: round(s.readyLineMs, 2),
      firstOkMs: round(s.firstOkMs, 2),
    })),
    summary: rounded,
    headlines,
    markdown,
  };
}

export const scenario: Scenario = {
  name: "cold-start",
  title: "Cold start",
  ref: "S7",
  description:
    "Time from process spawn to the first 200 on /health (and to the “listening” line), Hearth on the SQLite profile vs a bare node:http server.",
  run,
};
