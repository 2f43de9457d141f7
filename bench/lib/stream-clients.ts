// The harness side of bench/lib/stream-clients-worker.ts: a child process holding N WebSocket
// clients, asked over IPC to connect, reset, report and close.
import type { ChildProcess } from "node:child_process";
import { spawnTracked, stopChild } from "./proc.ts";

export interface ClientsReport {
  deliveries: number;
  /** Publish → receive, ms, one per frame. */
  latencies: number[];
  /** Wall-clock ms of the first and last frame received. */
  first: number;
  last: number;
  /** One frame as received (its bytes are what the baseline broadcasts). */
  sample?: string;
}

export interface StreamClients {
  pid: number;
  connect(
    url: string,
    tokens: string[],
  ): Promise<{ connected: number; failed: number; ms: number }>;
  reset(): Promise<void>;
  report(): Promise<ClientsReport>;
  close(): Promise<void>;
}

/** A tracked child process spoken to over IPC, one request and answer at a time. */
export function ipcChild(script: string, cpu?: number) {
  const child: ChildProcess = spawnTracked(process.execPath, [script], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    cpu,
  });
  let chain: Promise<unknown> = Promise.resolve();
  const ask = <T>(message: Record<string, unknown>, timeoutMs = 120_000): Promise<T> => {
    const next = chain.then(
      () =>
        new Promise<T>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${script}: no answer to ${String(message.cmd)}`)),
            timeoutMs,
          );
          child.once("message", (reply) => {
            clearTimeout(timer);
            resolve(reply as T);
          });
          child.send(message);
        }),
    );
    chain = next.catch(() => undefined);
    return next;
  };
  const close = async () => {
    await ask({ cmd: "close" }, 10_000).catch(() => undefined);
    await stopChild(child, 1000);
  };
  return { pid: child.pid ?? 0, ask, close };
}

export function startStreamClients(cpu?: number): StreamClients {
  const { pid, ask, close } = ipcChild("bench/lib/stream-clients-worker.ts", cpu);
  return {
    pid,
    connect: (url, tokens) => ask({ cmd: "connect", url, tokens }),
    reset: async () => void (await ask({ cmd: "reset" })),
    report: () => ask<ClientsReport>({ cmd: "report" }),
    close,
  };
}
