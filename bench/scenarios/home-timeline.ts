// S1 home timeline read: GET /api/v1/timelines/home?limit=20 at 100 keep-alive connections
// for 1000 distinct signed-in readers (performance.md), each following the same 20 accounts
// whose 400 posts (mentions, hashtags, links; a third favourited by every reader) fill every
// reader's home; the load generator takes the readers' tokens in turn, one per request.
// Baseline: a raw node:http server replaying the exact bytes Hearth answered the first
// reader. Hearth runs in this process (authors and posts through its own services, readers,
// follows and favourites written straight into its database: bench/lib/stream-readers.ts);
// the load generator is its own process.
import { createHash } from "node:crypto";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { createUsers, startInProcess } from "../lib/in-process.ts";
import { type LoadRun, runLoad } from "../lib/load.ts";
import { httpGet } from "../lib/proc.ts";
import { replayableHeaders, startRaw } from "../lib/servers.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import { createReaders } from "../lib/stream-readers.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const PATH = "/api/v1/timelines/home?limit=20";
const AUTHORS = 20;
const POSTS_EACH = 20;
const READERS = 1000;
/** Rows per INSERT, far below both databases' bound-variable limits. */
const CHUNK = 200;

interface Sample extends LoadRun {
  round: number;
  server: "hearth" | "raw";
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const rounds = ctx.quick ? 1 : 3;
  const durationMs = ctx.quick ? 3000 : 10_000;
  const warmupMs = ctx.quick ? 1000 : 2000;
  const connections = 100;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply to the in-process server");
  const hearth = await startInProcess({ HEARTH_RATE_LIMITS: "false" });
  try {
    const names = Array.from({ length: AUTHORS }, (_, i) => `writer${i}`);
    const authors = await createUsers(hearth, names);
    const { tokens, accountIds: readers } = await createReaders(hearth, READERS, { active: true });
    const db = hearth.ctx.db;
    const at = hearth.ctx.clock.now().toISOString();
    const follows = readers.flatMap((reader) =>
      authors.map((a) => ({
        id: hearth.ctx.newId(),
        account_id: reader,
        target_account_id: a.accountId,
        languages: null,
        created_at: at,
        updated_at: at,
      })),
    );
    for (let i = 0; i < follows.length; i += CHUNK)
      await db
        .insertInto("follows")
        .values(follows.slice(i, i + CHUNK))
        .execute();
    const favourited: string[] = [];
    for (let i = 0; i < POSTS_EACH; i++) {
      for (const a of authors) {
        const posted = await createStatus(hearth.ctx, a.accountId, {
          text: `post ${i} by @${a.username} mentioning @reader0 #bench #home${i % 5} https://example.com/${i}`,
          visibility: i % 4 === 3 ? "private" : "public",
        });
        if (posted.type !== "ok") throw new Error(`post failed: ${posted.type}`);
        if (i % 3 === 0) favourited.push(posted.status.id);
      }
    }
    const favourites = readers.flatMap((reader) =>
      favourited.map((statusId) => ({
        id: hearth.ctx.newId(),
        account_id: reader,
        status_id: statusId,
        created_at: at,
      })),
    );
    for (let i = 0; i < favourites.length; i += CHUNK)
      await db
        .insertInto("favourites")
        .values(favourites.slice(i, i + CHUNK))
        .execute();
    await runDueJobs(hearth.ctx);
    const entries = await db
      .selectFrom("feed_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("feed", "=", "home")
      .executeTakeFirstOrThrow();
    ctx.log(
      `${READERS} readers follow ${AUTHORS} accounts; ${AUTHORS * POSTS_EACH} posts, ${Number(entries.n)} home entries`,
    );
    const authorizations = tokens.map((t) => `Bearer ${t}`);
    const headers = { authorization: authorizations[0] as string };
    // Every reader's home answers a full page (a sample: first, middle, last).
    for (const i of [0, READERS >> 1, READERS - 1]) {
      const res = await httpGet(`${hearth.origin}${PATH}`, 5000, {
        authorization: authorizations[i] as string,
      });
      const n =
        res.status === 200 ? (JSON.parse(res.body.toString("utf8")) as unknown[]).length : 0;
      if (n !== 20) problems.push(`reader ${i}: ${PATH} answered ${res.status} with ${n} statuses`);
    }
    const captured = await httpGet(`${hearth.origin}${PATH}`, 5000, headers);
    if (captured.status !== 200) problems.push(`${PATH} answered ${captured.status}`);
    const items = JSON.parse(captured.body.toString("utf8")) as unknown[];
    if (items.length !== 20) problems.push(`home page had ${items.length} statuses, not 20`);
    const raw = await startRaw({
      response: {
        status: captured.status,
        headers: replayableHeaders(captured.rawHeaders),
        body: captured.body,
      },
    });
    const samples: Sample[] = [];
    try {
      const servers = {
        hearth: { pid: process.pid, origin: hearth.origin },
        raw: { pid: raw.pid, origin: raw.origin },
      };
      for (let r = 1; r <= rounds; r++) {
        const order = r % 2 === 1 ? (["hearth", "raw"] as const) : (["raw", "hearth"] as const);
        for (const name of order) {
          const server = servers[name];
          const load = await runLoad(server.pid, {
            host: "127.0.0.1",
            port: Number(new URL(server.origin).port),
            path: PATH,
            ...(name === "hearth" ? { authorizations } : { headers }),
            connections,
            warmupMs,
            durationMs,
          });
          samples.push({ round: r, server: name, ...load });
          ctx.log(
            `round ${r}/${rounds} ${name}: ${load.rps.toFixed(0)} req/s, p99 ${load.latencyMs.p99.toFixed(1)} ms, non-2xx ${load.non2xx}, errors ${load.errors}`,
          );
        }
      }
    } finally {
      await raw.stop();
    }
    for (const s of samples) {
      if (Object.keys(s.statuses).some((code) => code !== "200") || s.errors > 0)
        problems.push(
          `round ${s.round} ${s.server}: ${JSON.stringify(s.statuses)}, ${s.errors} errors`,
        );
    }
    const pick = (name: Sample["server"], f: (s: Sample) => number) =>
      summarize(samples.filter((s) => s.server === name).map(f));
    const stats = (name: Sample["server"]) => ({
      rps: pick(name, (s) => s.rps),
      p50Ms: pick(name, (s) => s.latencyMs.p50),
      p99Ms: pick(name, (s) => s.latencyMs.p99),
      cpuUsPerRequest: pick(name, (s) => s.serverCpuUsPerRequest),
    });
    const h = stats("hearth");
    const b = stats("raw");
    const ratio = h.rps.median / b.rps.median;
    const markdown = [
      `${rounds} round(s) of ${durationMs / 1000} s after ${warmupMs / 1000} s warm-up, ${connections} keep-alive connections, ${READERS} distinct readers taken in turn (one token per request); every reader's home holds the same ${AUTHORS * POSTS_EACH} posts (a quarter private, each with a mention, two hashtags and a link; a third favourited by every reader). Page: ${captured.body.length} bytes (sha256 ${sha256(captured.body).slice(0, 12)}…), replayed byte for byte by the raw server. Hearth runs inside the harness process.`,
      "",
      "| Server | req/s median (min–max) | p50 ms | p99 ms | server CPU µs/req |",
      "|---|---|---|---|---|",
      `| Hearth | ${h.rps.median.toFixed(0)} (${h.rps.min.toFixed(0)}–${h.rps.max.toFixed(0)}) | ${h.p50Ms.median.toFixed(1)} | ${h.p99Ms.median.toFixed(1)} | ${h.cpuUsPerRequest.median.toFixed(0)} |`,
      `| raw node:http, same bytes | ${b.rps.median.toFixed(0)} (${b.rps.min.toFixed(0)}–${b.rps.max.toFixed(0)}) | ${b.p50Ms.median.toFixed(1)} | ${b.p99Ms.median.toFixed(1)} | ${b.cpuUsPerRequest.median.toFixed(0)} |`,
      "",
      `Ratio Hearth/raw: **${ratio.toFixed(3)}** in req/s. Target (performance.md S1): ≥ 5,000 req/s at p99 ≤ 25 ms with 100 connections on SQLite.`,
    ].join("\n");
    return {
      ok: problems.length === 0,
      problems,
      parameters: {
        path: PATH,
        rounds,
        durationMs,
        warmupMs,
        connections,
        authors: AUTHORS,
        postsEach: POSTS_EACH,
        readers: READERS,
      },
      samples: samples.map((s) => ({ ...s, rps: round(s.rps) })),
      summary: {
        hearth: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, roundStats(v)])),
        raw: Object.fromEntries(Object.entries(b).map(([k, v]) => [k, roundStats(v)])),
        ratio: round(ratio, 3),
      },
      headlines: [
        {
          label: "home timeline, 20 per page (median req/s, C=100)",
          value: round(h.rps.median, 0),
          unit: "req/s",
          baseline: round(b.rps.median, 0),
          ratio: round(ratio, 3),
          target: "≥ 5000 req/s",
          met: h.rps.median >= 5000,
        },
        {
          label: "home timeline p99 at C=100",
          value: round(h.p99Ms.median, 1),
          unit: "ms",
          baseline: round(b.p99Ms.median, 1),
          ratio: round(h.p99Ms.median / b.p99Ms.median, 2),
          target: "≤ 25 ms",
          met: h.p99Ms.median <= 25,
        },
      ],
      markdown,
    };
  } finally {
    await hearth.stop();
  }
}

export const scenario: Scenario = {
  name: "home-timeline",
  ref: "S1",
  title: "Home timeline read",
  description:
    "GET /api/v1/timelines/home?limit=20 for 1000 distinct readers: requests per second and latency at 100 connections, as a ratio to a raw node:http server replaying the same bytes.",
  run,
};
