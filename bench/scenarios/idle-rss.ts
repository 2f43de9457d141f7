// S8 Idle RSS: Hearth's resident memory after start, a few warm-up requests and a settle time
// (60 s as in performance.md), next to a bare node:http server treated exactly the same.
import { httpGet, readMemory, sleep } from "../lib/proc.ts";
import { type RunningServer, startHearth, startRaw } from "../lib/servers.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const WARMUP_PATHS = ["/health", "/api/v2/instance", "/api/v1/instance"];
const WARMUP_ROUNDS = 5;
const TARGET_MIB = 120;

interface Sample {
  run: number;
  server: "hearth" | "raw";
  rssMiB: number;
  hwmMiB: number;
  anonMiB: number;
  fileMiB: number;
  /** RSS every sampleEverySeconds during the settle time: a rising line means it is not idle. */
  rssSeriesMiB: number[];
  warmupStatuses: Record<string, number[]>;
}

async function warmUp(server: RunningServer): Promise<Record<string, number[]>> {
  const statuses: Record<string, number[]> = {};
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    for (const p of WARMUP_PATHS) {
      const res = await httpGet(`${server.origin}${p}`);
      statuses[p] = [...(statuses[p] ?? []), res.status];
    }
  }
  return statuses;
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const runs = ctx.quick ? 1 : 3;
  const settleSeconds = ctx.quick ? 5 : 60;
  const sampleEvery = ctx.quick ? 1 : 5;
  const cpu = ctx.pin ? 0 : undefined;
  const samples: Sample[] = [];
  for (let i = 1; i <= runs; i++) {
    // Both servers idle side by side over the same settle time: same machine state for both.
    const hearth = await startHearth({ cpu });
    const raw = await startRaw({ cpu });
    try {
      const servers = [hearth, raw];
      const warm = await Promise.all(servers.map(warmUp));
      ctx.log(`run ${i}/${runs}: warmed up; settling ${settleSeconds} s`);
      const series: number[][] = [[], []];
      for (let t = 0; t < settleSeconds; t += sampleEvery) {
        await sleep(sampleEvery * 1000);
        servers.forEach((s, k) => {
          series[k]!.push(round(readMemory(s.pid).rssMiB, 2));
        });
      }
      servers.forEach((s, k) => {
        const m = readMemory(s.pid);
        samples.push({
          run: i,
          server: s.kind,
          rssMiB: round(m.rssMiB, 2),
          hwmMiB: round(m.hwmMiB, 2),
          anonMiB: round(m.anonMiB, 2),
          fileMiB: round(m.fileMiB, 2),
          rssSeriesMiB: series[k]!,
          warmupStatuses: warm[k]!,
        });
      });
      ctx.log(
        `run ${i}/${runs}: hearth ${samples.at(-2)?.rssMiB} MiB, raw ${samples.at(-1)?.rssMiB} MiB`,
      );
    } finally {
      await Promise.all([hearth.stop(), raw.stop()]);
    }
  }

  const of = (server: Sample["server"], key: "rssMiB" | "hwmMiB" | "anonMiB" | "fileMiB") =>
    summarize(samples.filter((s) => s.server === server).map((s) => s[key]));
  const keys = ["rssMiB", "hwmMiB", "anonMiB", "fileMiB"] as const;
  const summary: Record<string, Record<string, ReturnType<typeof summarize>>> = {};
  for (const server of ["hearth", "raw"] as const) {
    summary[server] = {};
    for (const key of keys) summary[server][key] = roundStats(of(server, key));
  }
  const hearthRss = of("hearth", "rssMiB").median;
  const rawRss = of("raw", "rssMiB").median;
  const hearthHwm = of("hearth", "hwmMiB").median;
  const rawHwm = of("raw", "hwmMiB").median;

  const problems: string[] = [];
  const hearthWarm = samples.find((s) => s.server === "hearth")?.warmupStatuses ?? {};
  for (const [p, codes] of Object.entries(hearthWarm)) {
    if (codes.some((c) => c !== 200))
      problems.push(`warm-up ${p} answered ${[...new Set(codes)].join(",")}`);
  }
  const table = (server: "hearth" | "raw", label: string) => {
    const s = summary[server]!;
    const cell = (k: (typeof keys)[number]) =>
      `${s[k]!.median.toFixed(1)} (${s[k]!.min.toFixed(1)}–${s[k]!.max.toFixed(1)})`;
    return `| ${label} | ${cell("rssMiB")} | ${cell("hwmMiB")} | ${cell("anonMiB")} | ${cell("fileMiB")} |`;
  };
  const markdown = [
    `${runs} run(s); each: start Hearth (fresh SQLite data dir) and the bare server, ${WARMUP_ROUNDS} rounds of ${WARMUP_PATHS.join(", ")}, then ${settleSeconds} s idle${settleSeconds < 60 ? " (**quick mode: shorter than the 60 s of S8**)" : ""}; read /proc/<pid>/status. Median (min–max), MiB:`,
    "",
    "| Server | VmRSS | VmHWM (peak) | RssAnon | RssFile |",
    "|---|---|---|---|---|",
    table("hearth", "Hearth (one process: web + worker, SQLite)"),
    table("raw", "bare node:http (`node -e`)"),
    "",
    `Hearth's RSS during the settle time (every ${sampleEvery} s, run 1): ${samples.find((s) => s.server === "hearth")?.rssSeriesMiB.join(", ")} MiB.`,
    "",
    `Overhead over bare Node: ${(hearthRss - rawRss).toFixed(1)} MiB. Warm-up statuses from Hearth: ${Object.entries(
      hearthWarm,
    )
      .map(([p, c]) => `${p} ${[...new Set(c)].join(",")}`)
      .join("; ")}.`,
  ].join("\n");
  return {
    ok: true,
    problems,
    parameters: {
      runs,
      settleSeconds,
      sampleEverySeconds: sampleEvery,
      warmupPaths: WARMUP_PATHS,
      warmupRounds: WARMUP_ROUNDS,
      database: "sqlite (temp HEARTH_DATA_DIR, fresh)",
      env: { HEARTH_LOG_LEVEL: "warning", HOST: "127.0.0.1" },
      baseline: "node -e <node:http server answering 200 OK>",
    },
    samples,
    summary,
    headlines: [
      {
        label: "idle VmRSS (median)",
        value: round(hearthRss, 1),
        unit: "MiB",
        baseline: round(rawRss, 1),
        ratio: round(hearthRss / rawRss, 2),
        target: `≤ ${TARGET_MIB} MiB`,
        met: hearthRss <= TARGET_MIB,
      },
      {
        label: "peak VmHWM during start + warm-up (median)",
        value: round(hearthHwm, 1),
        unit: "MiB",
        baseline: round(rawHwm, 1),
        ratio: round(hearthHwm / rawHwm, 2),
      },
    ],
    markdown,
  };
}

export const scenario: Scenario = {
  name: "idle-rss",
  title: "Idle RSS",
  ref: "S8",
  description:
    "Resident memory of an idle Hearth process (SQLite profile: web and worker in one process) after start, warm-up requests and a settle time, vs a bare node:http server.",
  run,
};
