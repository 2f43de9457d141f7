// The two kinds of server a scenario measures: Hearth itself (`node src/main.ts serve`, SQLite
// in a temp data dir) and the baseline, a bare node:http server in plain JavaScript.
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  freePort,
  makeTempDir,
  pollFor200,
  removeTempDir,
  spawnTracked,
  stopChild,
  waitForOutput,
} from "./proc.ts";

export interface RunningServer {
  kind: "hearth" | "raw";
  child: ChildProcess;
  pid: number;
  origin: string;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** performance.now() when the ready line appeared on stdout. */
  readyLineAt: number;
  /** performance.now() of the first 200 on /health (polled every 5 ms from spawn on). */
  firstOkAt: number | undefined;
  /** /health attempts until that 200. */
  pollAttempts: number | undefined;
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse this data dir (not removed on stop); default: a fresh temp dir, removed on stop. */
  dataDir?: string;
  env?: Record<string, string>;
  cpu?: number | undefined;
  /** Don't poll /health: ready means the "listening" line only. */
  noWait?: boolean;
  timeoutMs?: number;
}

/**
 * The baseline: /health answers 200 "OK" (readiness), every other path one fixed response
 * (default the same 200 "OK"; with a file, the status, headers and body bytes it holds).
 */
const RAW_SERVER = `
const http = require("node:http");
const [port, file] = process.argv.slice(1);
let status = 200;
let headers = { "content-type": "text/plain; charset=UTF-8" };
let body = Buffer.from("OK");
if (file) {
  const r = JSON.parse(require("node:fs").readFileSync(file, "utf8"));
  status = r.status; headers = r.headers; body = Buffer.from(r.bodyBase64, "base64");
}
headers["content-length"] = String(body.length);
const ok = Buffer.from("OK");
const okHeaders = { "content-type": "text/plain; charset=UTF-8", "content-length": "2" };
http.createServer((req, res) => {
  if (req.url === "/health") { res.writeHead(200, okHeaders); res.end(ok); return; }
  res.writeHead(status, headers); res.end(body);
})
  .listen(Number(port), "127.0.0.1", () => console.log("raw node:http listening on " + port));
`;

/** Variables the harness sets itself, or that would point Hearth elsewhere than the temp dir. */
const OWNED =
  /^(PORT|HOST|DATABASE_URL|REDIS_URL|NODE_ENV|NODE_OPTIONS|NODE_COMPILE_CACHE|HEARTH_.*)$/;

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!OWNED.test(key)) env[key] = value;
  return { ...env, ...extra };
}

async function start(
  kind: RunningServer["kind"],
  args: string[],
  env: NodeJS.ProcessEnv,
  origin: string,
  options: StartOptions,
  onStop: () => void,
): Promise<RunningServer> {
  const spawnedAt = performance.now();
  const child = spawnTracked(process.execPath, args, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    cpu: options.cpu,
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ready = waitForOutput(child, /listening on/, timeoutMs);
  const stop = async () => {
    await stopChild(child);
    onStop();
  };
  // Polling starts right at spawn, in parallel with watching stdout, so both times are honest.
  const poll =
    options.noWait === true
      ? undefined
      : pollFor200(`${origin}/health`, { intervalMs: 5, timeoutMs, child });
  poll?.catch(() => {}); // awaited below; this only keeps an early failure from being unhandled
  try {
    const readyLineAt = await ready.at;
    const first = await poll;
    return {
      kind,
      child,
      pid: child.pid as number,
      origin,
      spawnedAt,
      readyLineAt,
      firstOkAt: first?.at,
      pollAttempts: first?.attempts,
      output: ready.output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startHearth(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? makeTempDir("data");
  const env = childEnv({
    PORT: String(port),
    HOST: "127.0.0.1",
    HEARTH_DATA_DIR: dataDir,
    HEARTH_LOG_LEVEL: "warning",
    ...options.env,
  });
  const args = ["src/main.ts", "serve"];
  return start("hearth", args, env, `http://127.0.0.1:${port}`, options, () => {
    if (options.dataDir === undefined) removeTempDir(dataDir);
  });
}

export interface FixedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Starts the baseline; with `response`, it replays those exact headers and body bytes. */
export async function startRaw(
  options: StartOptions & { response?: FixedResponse } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const args = ["-e", RAW_SERVER, String(port)];
  let dir: string | undefined;
  if (options.response !== undefined) {
    dir = makeTempDir("raw");
    const file = path.join(dir, "response.json");
    const { status, headers, body } = options.response;
    writeFileSync(file, JSON.stringify({ status, headers, bodyBase64: body.toString("base64") }));
    args.push(file);
  }
  return start(
    "raw",
    args,
    childEnv(options.env ?? {}),
    `http://127.0.0.1:${port}`,
    options,
    () => {
      if (dir !== undefined) removeTempDir(dir);
    },
  );
}

/** Node-generated per-connection headers the raw server must not copy. */
const HOP_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
]);

/** Headers of a captured response that a replay should send (same names, same values). */
export function replayableHeaders(rawHeaders: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    if (HOP_HEADERS.has(name.toLowerCase())) continue;
    const seen = out[name];
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}
