// Benchmark harness: `node bench/run.ts <scenario|all> [--quick] [--pin]` (or `npm run bench --`).
// Full runs write bench/results/<scenario>.{json,md} and the index bench/results/README.md;
// --quick runs write to bench/results/tmp/ (git-ignored) so they never replace real results.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { machineInfo } from "./lib/machine.ts";
import { repoRoot } from "./lib/proc.ts";
import { headlineTable, writeResult } from "./lib/report.ts";
import type { Scenario } from "./lib/types.ts";
import { scenario as coldStart } from "./scenarios/cold-start.ts";
import { scenario as delivery } from "./scenarios/delivery.ts";
import { scenario as fanOut } from "./scenarios/fan-out.ts";
import { scenario as homeTimeline } from "./scenarios/home-timeline.ts";
import { scenario as idleRss } from "./scenarios/idle-rss.ts";
import { scenario as inbox } from "./scenarios/inbox.ts";
import { scenario as instanceThroughput } from "./scenarios/instance-throughput.ts";
import { scenario as post } from "./scenarios/post.ts";
import { scenario as streaming } from "./scenarios/streaming.ts";
import { scenario as webBundle } from "./scenarios/web-bundle.ts";

const SCENARIOS: Scenario[] = [
  coldStart,
  idleRss,
  instanceThroughput,
  post,
  fanOut,
  homeTimeline,
  streaming,
  inbox,
  delivery,
  webBundle,
];

function usage(message?: string, code = 2): never {
  if (message !== undefined) process.stderr.write(`${message}\n\n`);
  const lines = SCENARIOS.map(
    (s) => `  ${s.name.padEnd(22)}${s.ref ? `${s.ref}: ` : ""}${s.title}`,
  );
  process.stderr.write(
    [
      "usage: npm run bench -- <scenario|all> [--quick] [--pin]",
      "",
      "scenarios:",
      ...lines,
      `  ${"all".padEnd(22)}every scenario above, in order`,
      "",
      "  --quick  fewer runs, shorter windows; results go to bench/results/tmp/",
      "  --pin    servers on CPU 0, load generators on CPU 1 (taskset)",
      "",
    ].join("\n"),
  );
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.some((a) => a === "help" || a === "--help" || a === "-h")) usage(undefined, 0);
const flags = new Set(args.filter((a) => a.startsWith("-")));
const names = args.filter((a) => !a.startsWith("-"));
for (const flag of flags)
  if (flag !== "--quick" && flag !== "--pin") usage(`unknown option ${flag}`);
if (names.length !== 1) usage(names.length === 0 ? "no scenario given" : "one scenario at a time");
const name = names[0] as string;
const selected = name === "all" ? SCENARIOS : SCENARIOS.filter((s) => s.name === name);
if (selected.length === 0) usage(`unknown scenario "${name}"`);

if (process.platform !== "linux") {
  process.stderr.write("bench: needs Linux (/proc is read for RSS and CPU time)\n");
  process.exit(2);
}

const quick = flags.has("--quick");
const pin = flags.has("--pin");
const outDir = path.join(repoRoot, "bench", "results", ...(quick ? ["tmp"] : []));
let failed = 0;
for (const scenario of selected) {
  const log = (message: string) => process.stderr.write(`[${scenario.name}] ${message}\n`);
  const machine = machineInfo();
  log(
    `starting${quick ? " (quick)" : ""}${pin ? " (pinned)" : ""}; load average ${machine.loadAverage.join("/")}`,
  );
  const started = performance.now();
  try {
    const result = await scenario.run({ quick, pin, log });
    const durationSeconds = (performance.now() - started) / 1000;
    const file = writeResult(outDir, scenario, result, {
      quick,
      pinned: pin,
      machine,
      durationSeconds,
    });
    process.stdout.write(`\n## ${file.title}${file.ref ? ` (${file.ref})` : ""}\n\n`);
    process.stdout.write(`${headlineTable(file.headlines)}\n\n`);
    if (!result.ok) {
      failed++;
      process.stdout.write(`INVALID: ${result.problems.join("; ")}\n\n`);
    }
    process.stdout.write(
      `→ ${path.relative(process.cwd(), path.join(outDir, `${scenario.name}.md`))}\n`,
    );
  } catch (error) {
    failed++;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
