// S5's WebSocket clients, in their own process so that reading frames never shares an event
// loop with the server being measured. Driven over IPC by bench/lib/stream-clients.ts:
//   {cmd:"connect", url, tokens[]} → {connected, failed, ms}: one raw `ws` socket per token
//     (Authorization header), all opened 50 at a time;
//   {cmd:"reset"} → {ok}: forget what was received so far;
//   {cmd:"report"} → {deliveries, latencies[], first, last, sample}: per frame received, the
//     publish time the harness wrote into the post (`t0=<ms since epoch, 3 decimals>`) against
//     this process's clock (both use the same wall clock: performance.timeOrigin + now());
//   {cmd:"close"} → {ok}, then the process exits.
// Frames are matched with a regular expression on the raw text: parsing 1000 JSON frames per
// event would make the clients, not the server, the bottleneck.
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

type Command =
  | { cmd: "connect"; url: string; tokens: string[] }
  | { cmd: "reset" }
  | { cmd: "report" }
  | { cmd: "close" };

const T0 = /t0=(\d+\.\d{3})/;
const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
let latencies: number[] = [];
let deliveries = 0;
let first = 0;
let last = 0;
let sample: string | undefined;

function onFrame(data: WebSocket.RawData): void {
  const at = now();
  const text = String(data);
  const match = T0.exec(text);
  if (match === null) return;
  deliveries++;
  if (first === 0) first = at;
  last = at;
  latencies.push(at - Number(match[1]));
  sample ??= text;
}

function open(url: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    ws.on("message", onFrame);
    ws.once("open", () => {
      sockets.push(ws);
      resolve(true);
    });
    ws.once("error", () => resolve(false));
    ws.once("unexpected-response", () => resolve(false));
  });
}

async function connect(url: string, tokens: string[]) {
  const start = now();
  let connected = 0;
  for (let i = 0; i < tokens.length; i += 50) {
    const batch = tokens.slice(i, i + 50).map((t) => open(url, t));
    for (const ok of await Promise.all(batch)) if (ok) connected++;
  }
  return { connected, failed: tokens.length - connected, ms: now() - start };
}

process.on("message", async (message: Command) => {
  const reply = (value: unknown) => process.send?.(value);
  switch (message.cmd) {
    case "connect":
      return reply(await connect(message.url, message.tokens));
    case "reset":
      latencies = [];
      deliveries = 0;
      first = 0;
      last = 0;
      return reply({ ok: true });
    case "report":
      return reply({ deliveries, latencies, first, last, sample });
    case "close": {
      const closed = sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once("close", () => resolve());
            ws.close();
          }),
      );
      await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 5000))]);
      reply({ ok: true });
      process.exit(0);
    }
  }
});
process.on("disconnect", () => process.exit(0));
