// GET /api/v2/instance throughput: Hearth vs a raw node:http server replaying the exact bytes
// (same status, headers and body) Hearth answered, both loaded by the same generator process
// with the same duration and connection count, in alternating order within one run.
import { createHash } from "node:crypto";
import { type LoadRun, runLoad } from "../lib/load.ts";
import { httpGet } from "../lib/proc.ts";
import { replayableHeaders, startHearth, startRaw } from "../lib/servers.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const PATH = "/api/v2/instance";

interface Sample extends LoadRun {
  round: number;
  server: "hearth" | "raw";
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const rounds = ctx.quick ? 1 : 3;
  const durationMs = ctx.quick ? 3000 : 10_000;
  const warmupMs = ctx.quick ? 1000 : 2000;
  const connections = 32;
  const serverCpu = ctx.pin ? 0 : undefined;
  const loadCpu = ctx.pin ? 1 : undefined;
  const problems: string[] = [];

  const hearth = await startHearth({ env: { HEARTH_RATE_LIMITS: "false" }, cpu: serverCpu });
  try {
    const captured = await httpGet(`${hearth.origin}${PATH}`);
    const contentType = String(captured.headers["content-type"] ?? "");
    ctx.log(`captured ${PATH}: ${captured.status}, ${captured.body.length} bytes, ${contentType}`);
    if (captured.status !== 200) problems.push(`${PATH} answered ${captured.status}, not 200`);
    const headers = replayableHeaders(captured.rawHeaders);
    const raw = await startRaw({
      response: { status: captured.status, headers, body: captured.body },
      cpu: serverCpu,
    });
    try {
      const replay = await httpGet(`${raw.origin}${PATH}`);
      if (sha256(replay.body) !== sha256(captured.body) || replay.status !== captured.status) {
        problems.push("the raw server does not replay Hearth's bytes");
      }
      const servers = { hearth, raw };
      const samples: Sample[] = [];
      for (let r = 1; r <= rounds; r++) {
        // Alternate which server goes first so warm caches or a noisy neighbour favour neither.
        const order = r % 2 === 1 ? (["hearth", "raw"] as const) : (["raw", "hearth"] as const);
        for (const name of order) {
          const server = servers[name];
          const load = await runLoad(
            server.pid,
            {
              host: "127.0.0.1",
              port: Number(new URL(server.origin).port),
              path: PATH,
              connections,
              warmupMs,
              durationMs,
            },
            { cpu: loadCpu },
          );
          samples.push({ round: r, server: name, ...load });
          ctx.log(
            `round ${r}/${rounds} ${name}: ${load.rps.toFixed(0)} req/s, p50 ${load.latencyMs.p50.toFixed(2)} ms, p99 ${load.latencyMs.p99.toFixed(2)} ms, non-2xx ${load.non2xx}, errors ${load.errors}`,
          );
        }
      }

      for (const s of samples) {
        const unexpected = Object.keys(s.statuses).filter((code) => code !== "200");
        if (unexpected.length > 0 || s.errors > 0 || s.requests === 0) {
          problems.push(
            `round ${s.round} ${s.server}: statuses ${JSON.stringify(s.statuses)}, ${s.errors} socket errors`,
          );
        }
      }
      const pick = (name: Sample["server"], f: (s: Sample) => number) =>
        summarize(samples.filter((s) => s.server === name).map(f));
      const stats = (name: Sample["server"]) => ({
        rps: pick(name, (s) => s.rps),
        p50Ms: pick(name, (s) => s.latencyMs.p50),
        p99Ms: pick(name, (s) => s.latencyMs.p99),
        cpuUsPerRequest: pick(name, (s) => s.serverCpuUsPerRequest),
        serverCores: pick(name, (s) => s.serverCores),
        rssMiBAfter: pick(name, (s) => s.serverRssMiBAfter),
      });
      const h = stats("hearth");
      const b = stats("raw");
      const perRound = Array.from({ length: rounds }, (_, i) => {
        const get = (name: Sample["server"]) =>
          samples.find((s) => s.round === i + 1 && s.server === name)!.rps;
        return get("hearth") / get("raw");
      });
      const ratios = summarize(perRound);
      const ratio = h.rps.median / b.rps.median;
      // Below ~0.9 of a core, the raw server was waiting on the generator, not saturated.
      const generatorBound = b.serverCores.median < 0.9;
      const row = (label: string, s: ReturnType<typeof stats>, list: Sample[]) =>
        `| ${label} | ${s.rps.median.toFixed(0)} (${s.rps.min.toFixed(0)}–${s.rps.max.toFixed(0)}, CV ${(s.rps.cv * 100).toFixed(1)}%) | ${s.p50Ms.median.toFixed(2)} | ${s.p99Ms.median.toFixed(2)} | ${s.cpuUsPerRequest.median.toFixed(0)} | ${s.serverCores.median.toFixed(2)} | ${list.reduce((n, x) => n + x.non2xx + x.errors, 0)} | ${s.rssMiBAfter.median.toFixed(0)} |`;
      const markdown = [
        `${rounds} round(s) of ${durationMs / 1000} s (after ${warmupMs / 1000} s warm-up each) per server, ${connections} keep-alive connections, order alternated per round; generator: bench/lib/loadgen-worker.ts in its own process. Response: ${captured.status}, ${captured.body.length} bytes of ${contentType}; the raw server replays the same ${Object.keys(headers).length} headers and body.`,
        "",
        "| Server | req/s median (min–max, CV) | p50 ms | p99 ms | server CPU µs/req | server cores busy | non-2xx + errors | RSS after, MiB |",
        "|---|---|---|---|---|---|---|---|",
        row(
          "Hearth",
          h,
          samples.filter((s) => s.server === "hearth"),
        ),
        row(
          "raw node:http, same bytes",
          b,
          samples.filter((s) => s.server === "raw"),
        ),
        "",
        `Ratio Hearth/raw: **${ratio.toFixed(2)}** in req/s, **${(h.cpuUsPerRequest.median / b.cpuUsPerRequest.median).toFixed(1)}×** in server CPU per request (req/s ratio per round: ${perRound.map((x) => x.toFixed(2)).join(", ")}).${generatorBound ? ` The raw server kept only ${b.serverCores.median.toFixed(2)} of a core busy: the generator, not the server, set its req/s, so the req/s ratio flatters Hearth and the CPU-per-request ratio is the better signal.` : ""} The generator shares the ${ctx.pin ? "machine (pinned: servers CPU 0, generator CPU 1)" : "same cores (not pinned)"}; read absolute req/s as a lower bound, the ratio as the signal.`,
      ].join("\n");
      const round2 = (x: ReturnType<typeof stats>) =>
        Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundStats(v)]));
      return {
        ok: problems.length === 0,
        problems,
        parameters: {
          path: PATH,
          rounds,
          durationMs,
          warmupMs,
          connections,
          pinned: ctx.pin,
          env: { HEARTH_RATE_LIMITS: "false", HEARTH_LOG_LEVEL: "warning" },
          response: {
            status: captured.status,
            bytes: captured.body.length,
            contentType,
            sha256: sha256(captured.body),
            replayedHeaders: headers,
          },
        },
        samples: samples.map((s) => ({
          ...s,
          rps: round(s.rps),
          latencyMs: Object.fromEntries(
            Object.entries(s.latencyMs).map(([k, v]) => [k, round(v, 3)]),
          ),
          serverCpuUsPerRequest: round(s.serverCpuUsPerRequest, 2),
          serverCores: round(s.serverCores, 3),
          serverRssMiBAfter: round(s.serverRssMiBAfter, 1),
        })),
        summary: {
          hearth: round2(h),
          raw: round2(b),
          ratio: round(ratio, 3),
          perRoundRatio: roundStats(ratios),
        },
        headlines: [
          {
            label: `${PATH} throughput (median req/s)`,
            value: round(h.rps.median, 0),
            unit: "req/s",
            baseline: round(b.rps.median, 0),
            ratio: round(ratio, 2),
          },
          {
            label: `${PATH} server CPU per request (median)`,
            value: round(h.cpuUsPerRequest.median, 1),
            unit: "µs",
            baseline: round(b.cpuUsPerRequest.median, 1),
            ratio: round(h.cpuUsPerRequest.median / b.cpuUsPerRequest.median, 2),
          },
          {
            label: `${PATH} p99 latency at ${connections} conns`,
            value: round(h.p99Ms.median, 2),
            unit: "ms",
            baseline: round(b.p99Ms.median, 2),
            ratio: round(h.p99Ms.median / b.p99Ms.median, 2),
          },
        ],
        markdown,
      };
    } finally {
      await raw.stop();
    }
  } finally {
    await hearth.stop();
  }
}

export const scenario: Scenario = {
  name: "instance-throughput",
  title: "GET /api/v2/instance throughput",
  description:
    "Requests per second and latency for GET /api/v2/instance, as a ratio to a raw node:http server answering the same bytes, measured in the same run.",
  run,
};
