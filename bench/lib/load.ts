// Runs bench/lib/loadgen-worker.ts in a child process against one server and reads the
// server's CPU time over exactly the measured window (the worker says "start" and "end").
import type { LoadConfig, LoadReport } from "./loadgen-worker.ts";
import { readCpuMicros, readMemory, spawnTracked, stopChild } from "./proc.ts";

export type { LoadConfig, LoadReport };

export interface LoadRun extends LoadReport {
  /** Server user+system CPU over the window divided by requests, µs (10 ms tick resolution). */
  serverCpuUsPerRequest: number;
  /** Server CPU over the window as a share of one core (1 = one core busy). */
  serverCores: number;
  serverRssMiBAfter: number;
}

export async function runLoad(
  serverPid: number,
  config: LoadConfig,
  options: { cpu?: number | undefined } = {},
): Promise<LoadRun> {
  const child = spawnTracked(
    process.execPath,
    ["bench/lib/loadgen-worker.ts", JSON.stringify(config)],
    { stdio: ["ignore", "pipe", "pipe"], cpu: options.cpu },
  );
  let stdout = "";
  let stderr = "";
  let cpuStart: number | undefined;
  let cpuEnd: number | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    if (cpuStart === undefined && /^start$/m.test(stdout)) cpuStart = readCpuMicros(serverPid);
    if (cpuEnd === undefined && /^end$/m.test(stdout)) cpuEnd = readCpuMicros(serverPid);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const limitMs = config.warmupMs + config.durationMs + 15_000;
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => void stopChild(child, 1000), limitMs);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`load generator failed (exit ${code}): ${stderr || stdout}`);
  }
  const report = JSON.parse(line) as LoadReport;
  const cpu = cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - cpuStart : Number.NaN;
  return {
    ...report,
    serverCpuUsPerRequest: report.requests > 0 ? cpu / report.requests : Number.NaN,
    serverCores: cpu / (config.durationMs * 1000),
    serverRssMiBAfter: readMemory(serverPid).rssMiB,
  };
}
