// What a result was measured on: recorded in every JSON file next to the numbers.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { repoRoot } from "./proc.ts";

export interface MachineInfo {
  date: string;
  node: string;
  v8: string;
  sqlite: string | undefined;
  platform: string;
  kernel: string;
  arch: string;
  cpuModel: string;
  cpus: number;
  totalMemoryMiB: number;
  /** 1/5/15-minute load average at the start: a busy machine makes the numbers noisy. */
  loadAverage: number[];
  git: { commit: string; dirty: boolean } | null;
}

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: "pipe" }).trim();
}

export function machineInfo(): MachineInfo {
  let commit: MachineInfo["git"] = null;
  try {
    commit = { commit: git(["rev-parse", "HEAD"]), dirty: git(["status", "--porcelain"]) !== "" };
  } catch {
    commit = null;
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    sqlite: (process.versions as Record<string, string | undefined>).sqlite,
    platform: os.platform(),
    kernel: os.release(),
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpus: cpus.length,
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    git: commit,
  };
}
