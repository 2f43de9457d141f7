// Shared by the streaming suites: a raw WebSocket client (the `ws` package) that collects
// frames and waits for them by event, an SSE reader, and a wait for a pub/sub channel to have
// listeners (subscribe messages have no acknowledgement in Mastodon's protocol). Waits are on
// events; the timeouts only turn a missing frame into a readable failure instead of a hang.
import assert from "node:assert/strict";
import WebSocket from "ws";
import { openStreamCount } from "../../src/api/streaming/session.ts";
import type { Rig } from "../rig/index.ts";
import { assertSchema } from "../rig/index.ts";
import type { Json } from "./relationships-kit.ts";

const GIVE_UP_MS = 10_000;

export interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

export interface TestSocket {
  ws: WebSocket;
  /** The next frame not yet taken that matches `pick` (default: any). */
  next(pick?: (f: Frame) => boolean): Promise<Frame>;
  send(message: Record<string, unknown>): void;
  closed: Promise<number>;
  close(): Promise<void>;
}

export function wsUrl(rig: Rig, query = ""): string {
  return `${rig.url.replace(/^http/, "ws")}/api/v1/streaming${query}`;
}

function collect(ws: WebSocket): Omit<TestSocket, "ws" | "close"> {
  const frames: Frame[] = [];
  const waiters: { pick: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    const i = waiters.findIndex((w) => w.pick(frame));
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  return {
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    next: (pick = () => true) => {
      const i = frames.findIndex(pick);
      if (i >= 0) return Promise.resolve(frames.splice(i, 1)[0] as Frame);
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching frame; unclaimed: ${JSON.stringify(frames)}`)),
          GIVE_UP_MS,
        );
        waiters.push({
          pick,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        });
      });
    },
  };
}

/** Opens a socket; rejects with the HTTP status when the handshake is refused. */
export async function connect(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
  const kit = collect(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        reject(
          Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode, body }),
        ),
      );
    });
    ws.once("error", reject);
  });
  return {
    ws,
    ...kit,
    close: async () => {
      if (ws.readyState !== WebSocket.CLOSED) {
        ws.close();
        await kit.closed;
      }
    },
  };
}

/** Resolves once `channel` has at least `count` listeners in this process. */
export async function listening(rig: Rig, channel: string, count = 1): Promise<void> {
  const start = Date.now();
  while (rig.ctx.pubsub.listenerCount(channel) < count) {
    if (Date.now() - start > GIVE_UP_MS) assert.fail(`nobody listens on ${channel}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves once the server holds no streaming connection (their sessions closed). */
export async function allClosed(rig: Rig): Promise<void> {
  const start = Date.now();
  while (openStreamCount(rig.ctx) > 0) {
    if (Date.now() - start > GIVE_UP_MS) assert.fail("streams stay open");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A Status frame's payload, parsed and checked against the spec's Status schema. */
export function statusOf(frame: Frame): Json {
  assert.equal(typeof frame.payload, "string");
  const status = JSON.parse(frame.payload as string);
  assertSchema("Status", status);
  return status;
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Reads an SSE response body: events in order, and whether heartbeat comments came. */
export function readSse(res: Response): {
  next(): Promise<SseEvent>;
  comments: string[];
  cancel(): Promise<void>;
} {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const comments: string[] = [];
  const events: SseEvent[] = [];
  const pull = async (): Promise<SseEvent> => {
    for (;;) {
      const ready = events.shift();
      if (ready !== undefined) return ready;
      const { done, value } = await reader.read();
      if (done) throw new Error("SSE stream ended");
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0 || /^:[^\n]*\n/.test(buffer)) {
        const comment = /^:([^\n]*)\n/.exec(buffer);
        if (comment !== null) {
          comments.push(comment[1] as string);
          buffer = buffer.slice(comment[0].length);
        } else {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          const data = [...block.matchAll(/^data: (.*)$/gm)].map((m) => m[1]).join("\n");
          events.push({ event, data });
        }
        end = buffer.indexOf("\n\n");
      }
    }
  };
  return {
    next: () => Promise.race([pull(), timeout<SseEvent>("no SSE event")]),
    comments,
    cancel: () => reader.cancel(),
  };
}

function timeout<T>(message: string): Promise<T> {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), GIVE_UP_MS);
    timer.unref();
  });
}
