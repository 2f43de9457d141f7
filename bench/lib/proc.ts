// Child processes, temp dirs and /proc readings. Every child spawned through here is killed
// and every temp dir removed when the harness exits, fails or gets SIGINT/SIGTERM.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function cleanupSync(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on("exit", cleanupSync);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping child processes\n`);
    cleanupSync();
    process.exit(130);
  });
}

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `hearth-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Spawns a tracked child; with `cpu` set, under `taskset -c <cpu>` (same pid: taskset execs). */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions & { cpu?: number | undefined } = {},
): ChildProcess {
  const { cpu, ...rest } = options;
  const child =
    cpu === undefined
      ? spawn(command, args, { cwd: repoRoot, ...rest })
      : spawn("taskset", ["-c", String(cpu), command, ...args], { cwd: repoRoot, ...rest });
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.once("error", () => children.delete(child));
  return child;
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A free loopback TCP port (bound, then released: a small race we accept). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Collects a child's output and resolves with performance.now() when a line matches. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number) {
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const at = new Promise<number>((resolve, reject) => {
    const check = () => {
      if (pattern.test(output)) finish(() => resolve(performance.now()));
    };
    const onExit = () =>
      finish(() =>
        reject(new Error(`process exited (${child.exitCode}) before ready:\n${output}`)),
      );
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))),
      timeoutMs,
    );
    function finish(then: () => void) {
      clearTimeout(timer);
      child.stdout?.off("data", check);
      child.off("exit", onExit);
      then();
    }
    child.stdout?.on("data", check);
    child.once("exit", onExit);
  });
  return { at, output: () => output };
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

export function httpGet(
  url: string,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: timeout`)));
    req.on("error", reject);
  });
}

/**
 * Polls `url` every `intervalMs` until it answers 200. Connection refused (not listening yet)
 * is retried; resolves with performance.now() at the 200 and the number of attempts.
 */
export async function pollFor200(
  url: string,
  options: { intervalMs: number; timeoutMs: number; child?: ChildProcess },
): Promise<{ at: number; attempts: number }> {
  const deadline = performance.now() + options.timeoutMs;
  let attempts = 0;
  let last = "";
  while (performance.now() < deadline) {
    if (options.child !== undefined && exited(options.child)) break;
    attempts++;
    try {
      const res = await httpGet(url, 2000);
      if (res.status === 200) return { at: performance.now(), attempts };
      last = `status ${res.status}`;
    } catch (error) {
      last = (error as NodeJS.ErrnoException).code ?? String(error);
    }
    await sleep(options.intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${options.timeoutMs} ms (last: ${last})`);
}

export interface MemoryReading {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size, MiB. */
  hwmMiB: number;
  anonMiB: number;
  fileMiB: number;
}

/** Reads VmRSS/VmHWM/RssAnon/RssFile from /proc/<pid>/status (Linux only). */
export function readMemory(pid: number): MemoryReading {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
    if (match === null) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) / 1024;
  };
  return {
    rssMiB: kib("VmRSS"),
    hwmMiB: kib("VmHWM"),
    anonMiB: kib("RssAnon"),
    fileMiB: kib("RssFile"),
  };
}

const CLOCK_TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux

/** User+system CPU time of a process (all its threads), µs, 10 ms resolution. */
export function readCpuMicros(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US;
}
