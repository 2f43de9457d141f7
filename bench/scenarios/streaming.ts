// S5 streaming: N WebSocket clients (1000; quick 200), each a distinct signed-in reader, on
// `public:local`; a local author posts at E per second (createStatus, then the jobs that
// publish to the streams, as the worker would run them). Measured: frames delivered per second,
// publish → receive latency (the post carries its publish time; the client process reads it
// against the same wall clock), RSS added per connection, and the harness's CPU time (Hearth
// runs in it). Baseline in the same run: a bare `ws` server sending the very
// bytes of a Hearth frame (with the new publish time) to the same number of clients from the
// same client process, at the same rate. The clients are raw `ws` sockets in a child process;
// the baseline server is another (bench/lib/ws-broadcast-worker.ts), so each server's RSS
// growth is its own.
import { performance } from "node:perf_hooks";
import { attachStreaming } from "../../src/app.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { liveBytes } from "../lib/heap.ts";
import { createUsers, startInProcess } from "../lib/in-process.ts";
import { readCpuMicros, readMemory, sleep } from "../lib/proc.ts";
import { round } from "../lib/stats.ts";
import { type ClientsReport, ipcChild, startStreamClients } from "../lib/stream-clients.ts";
import { createReaders } from "../lib/stream-readers.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const now = () => performance.timeOrigin + performance.now();
const stamp = () => `t0=${now().toFixed(3)}`;

interface Phase {
  server: "hearth" | "ws";
  clients: number;
  connected: number;
  connectMs: number;
  rssPerConnectionKiB: number;
  /** Growth of the JS heap + external memory after GC, per connection (heap.ts). */
  livePerConnectionKiB: number;
  events: number;
  expected: number;
  deliveries: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** How far the publishing loop fell behind its schedule at the end, ms. */
  publishLagMs: number;
  /** CPU of the publishing process over the window, as a share of one core. */
  serverCores: number;
}

function percentiles(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(at(1)) };
}

/** Publishes `events` at `rate` per second with `publish`, then waits for the stragglers. */
async function measure(
  server: Phase["server"],
  clients: ReturnType<typeof startStreamClients>,
  tokens: string[],
  url: string,
  opts: {
    events: number;
    rate: number;
    drainMs: number;
    publish: () => Promise<void>;
    serverPid: number;
    /** Live bytes of the server process after a full GC. */
    live: () => Promise<number>;
  },
): Promise<Phase & { sample?: string }> {
  const liveBefore = await opts.live();
  const rssBefore = readMemory(opts.serverPid).rssMiB;
  const connected = await clients.connect(url, tokens);
  await sleep(500);
  const rssAfter = readMemory(opts.serverPid).rssMiB;
  const liveAfter = await opts.live();
  for (let i = 0; i < 3; i++) await opts.publish(); // warm-up
  await sleep(1000);
  await clients.reset();
  const interval = 1000 / opts.rate;
  const cpuStart = readCpuMicros(opts.serverPid);
  const start = now();
  for (let i = 0; i < opts.events; i++) {
    const due = start + i * interval;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    await opts.publish();
  }
  const publishLagMs = now() - (start + (opts.events - 1) * interval);
  const cpuEnd = readCpuMicros(opts.serverPid);
  const publishedAt = now();
  await sleep(opts.drainMs);
  const report: ClientsReport = await clients.report();
  const spanMs = Math.max(report.last, publishedAt) - start;
  return {
    server,
    clients: tokens.length,
    connected: connected.connected,
    connectMs: round(connected.ms),
    rssPerConnectionKiB: round(((rssAfter - rssBefore) * 1024) / Math.max(1, connected.connected)),
    livePerConnectionKiB: round((liveAfter - liveBefore) / 1024 / Math.max(1, connected.connected)),
    events: opts.events,
    expected: opts.events * connected.connected,
    deliveries: report.deliveries,
    deliveriesPerSecond: round((report.deliveries * 1000) / spanMs),
    latencyMs: percentiles(report.latencies),
    publishLagMs: round(publishLagMs),
    serverCores: round((cpuEnd - cpuStart) / ((publishedAt - start) * 1000), 3),
    ...(report.sample === undefined ? {} : { sample: report.sample }),
  };
}

/** One client, one post: the frame Hearth sends for it (also a warm-up of the whole path). */
async function captureFrame(url: string, token: string, publish: () => Promise<void>) {
  const clients = startStreamClients();
  try {
    await clients.connect(url, [token]);
    await publish();
    for (let waited = 0; waited < 5000; waited += 50) {
      const report = await clients.report();
      if (report.sample !== undefined) return report.sample;
      await sleep(50);
    }
    throw new Error("no frame reached the first client");
  } finally {
    await clients.close();
  }
}

/** The bare `ws` server (its own process) broadcasting `sample` with a fresh publish time. */
async function baseline(
  ctx: ScenarioContext,
  n: number,
  opts: { events: number; rate: number; drainMs: number },
  sample: string,
): Promise<Phase> {
  const server = ipcChild("bench/lib/ws-broadcast-worker.ts");
  const template = sample.replace(/t0=\d+\.\d{3}/, "t0=%T0%");
  const clients = startStreamClients();
  try {
    const { port } = await server.ask<{ port: number }>({ cmd: "listen" });
    const tokens = Array.from({ length: n }, (_, i) => `baseline-${i}`);
    const phase = await measure("ws", clients, tokens, `ws://127.0.0.1:${port}/`, {
      ...opts,
      serverPid: server.pid,
      live: async () => (await server.ask<{ live: number }>({ cmd: "memory" })).live,
      publish: async () => void (await server.ask({ cmd: "publish", template })),
    });
    delete phase.sample;
    ctx.log(`ws: ${JSON.stringify(phase)}`);
    return phase;
  } finally {
    await clients.close();
    await server.close();
  }
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const n = ctx.quick ? 200 : 1000;
  // Full: 1000 × 30/s offers the 30k deliveries/s of the target, so it can be met.
  const rate = ctx.quick ? 10 : 30;
  const seconds = ctx.quick ? 3 : 10;
  const events = rate * seconds;
  const drainMs = ctx.quick ? 2000 : 3000;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply to the in-process server");
  const phases: Phase[] = [];
  let frameBytes = 0;
  let sample: string | undefined;

  const hearth = await startInProcess({ HEARTH_RATE_LIMITS: "false" });
  try {
    const streaming = attachStreaming(hearth.server, hearth.ctx);
    const [author] = await createUsers(hearth, ["author"]);
    if (author === undefined) throw new Error("no author");
    const made = performance.now();
    const { tokens } = await createReaders(hearth, n);
    ctx.log(
      `${n} readers with their own tokens in ${((performance.now() - made) / 1000).toFixed(1)} s`,
    );
    const url = `${hearth.origin.replace(/^http/, "ws")}/api/v1/streaming?stream=public:local`;
    const publishPost = async () => {
      const posted = await createStatus(hearth.ctx, author.accountId, {
        text: `S5 streaming event ${stamp()}`,
        visibility: "public",
      });
      if (posted.type !== "ok") throw new Error(`post failed: ${posted.type}`);
      await runDueJobs(hearth.ctx);
    };
    try {
      // One frame as a client receives it, for the baseline to send (and a warm-up).
      sample = await captureFrame(url, tokens[0] as string, publishPost);
      const clients = startStreamClients();
      try {
        const phase = await measure("hearth", clients, tokens, url, {
          events,
          rate,
          drainMs,
          publish: publishPost,
          serverPid: process.pid,
          live: async () => liveBytes(),
        });
        delete phase.sample;
        phases.push(phase);
        ctx.log(`hearth: ${JSON.stringify(phase)}`);
      } finally {
        await clients.close();
      }
    } finally {
      await streaming.close();
    }
  } finally {
    await hearth.stop();
  }
  if (sample === undefined) throw new Error("no frame reached the clients");
  frameBytes = Buffer.byteLength(sample);
  phases.push(await baseline(ctx, n, { events, rate, drainMs }, sample));

  const [h, b] = phases as [Phase, Phase];
  for (const p of phases) {
    if (p.connected !== p.clients)
      problems.push(`${p.server}: ${p.clients - p.connected} clients could not connect`);
    if (p.deliveries < p.expected)
      problems.push(
        `${p.server}: ${p.expected - p.deliveries} of ${p.expected} frames never arrived`,
      );
  }
  const ratio = h.deliveriesPerSecond / b.deliveriesPerSecond;
  const row = (label: string, p: Phase) =>
    `| ${label} | ${p.connected}/${p.clients} | ${p.deliveries}/${p.expected} | ${p.deliveriesPerSecond.toFixed(0)} | ${p.latencyMs.p50} | ${p.latencyMs.p99} | ${p.latencyMs.max} | ${p.livePerConnectionKiB} | ${p.rssPerConnectionKiB} | ${p.serverCores} | ${p.publishLagMs} |`;
  const markdown = [
    `${n} WebSocket clients (raw \`ws\`, one child process), each a distinct signed-in reader with its own token, subscribed to \`public:local\`; ${events} posts at ${rate}/s by one local author (createStatus, then the publishing jobs, in the harness process that runs Hearth), ${drainMs / 1000} s to drain. One frame is ${frameBytes} bytes. The baseline is a bare \`ws\` server in its own process broadcasting the same bytes to the same number of clients from the same client process.`,
    "",
    "| Server | connected | frames received/expected | deliveries/s | p50 ms | p99 ms | max ms | live KiB/connection | RSS KiB/connection | server CPU (cores) | publish lag ms |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    row("Hearth", h),
    row("bare ws, same bytes", b),
    "",
    `Deliveries/s are bounded by the offered load (${n} × ${rate}/s = ${n * rate}/s): at this rate the ratio says whether Hearth keeps up, and the latency and CPU columns say at what cost. Memory per connection: "live" is the growth of the server process's JS heap + external memory after a forced full GC while the clients connect (bench/lib/heap.ts), divided by the connections: comparable between Hearth, which runs in the warm harness process, and the fresh baseline process. "RSS" is the VmRSS growth over the same time; in the warm harness it understates Hearth (the heap had room left from earlier work). Server CPU: Hearth's is the whole harness (posting included). Publish lag: how far the posting loop ended behind its schedule (a post, then its publishing jobs, one after another); when it is large, the offered rate was not reached. Target (performance.md S5): ≥ 30k filtered deliveries/s at p99 ≤ 100 ms; 10k connections in ≤ 250 MiB extra RSS (≈ 25.6 KiB each).`,
  ].join("\n");
  return {
    ok: problems.length === 0,
    problems,
    parameters: {
      clients: n,
      stream: "public:local",
      rate,
      seconds,
      events,
      drainMs,
      distinctTokens: true,
    },
    samples: phases,
    summary: { hearth: h, ws: b, deliveryRatio: round(ratio, 3) },
    headlines: [
      {
        label: `deliveries/s, ${n} clients at ${rate} posts/s`,
        value: h.deliveriesPerSecond,
        unit: "/s",
        baseline: b.deliveriesPerSecond,
        ratio: round(ratio, 3),
        target: "≥ 30000 /s (at capacity)",
        met: h.deliveriesPerSecond >= 30_000,
      },
      {
        label: "publish → receive p99",
        value: h.latencyMs.p99,
        unit: "ms",
        baseline: b.latencyMs.p99,
        ratio: round(h.latencyMs.p99 / b.latencyMs.p99, 2),
        target: "≤ 100 ms",
        met: h.latencyMs.p99 <= 100,
      },
      {
        label: "memory per connection (live heap + external after GC)",
        value: h.livePerConnectionKiB,
        unit: "KiB",
        baseline: b.livePerConnectionKiB,
        ratio: round(h.livePerConnectionKiB / b.livePerConnectionKiB, 2),
        target: "≤ 25.6 KiB",
        met: h.livePerConnectionKiB <= 25.6,
      },
    ],
    markdown,
  };
}

export const scenario: Scenario = {
  name: "streaming",
  ref: "S5",
  title: "Streaming API fan-out to WebSocket clients",
  description:
    "public:local over WebSocket to N distinct readers: deliveries/s, publish-to-receive p50/p99 and memory per connection, against a bare ws server broadcasting the same bytes.",
  run,
};
