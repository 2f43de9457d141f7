// HTTP/1.1 keep-alive load generator, run as its own process so it never shares an event loop
// with the server it loads: `node bench/lib/loadgen-worker.ts '<json LoadConfig>'`.
// Raw sockets and a minimal response parser (status line, Content-Length or chunked), so the
// generator costs far less per request than node:http's client. Bounded: it stops by itself
// after warm-up + duration (hard exit 5 s later), and only talks to loopback addresses.
// Protocol on stdout: "start" when the measured window opens, "end" when it closes, then one
// JSON line with the LoadReport.
import net from "node:net";
import { performance } from "node:perf_hooks";

export interface LoadConfig {
  host: string;
  port: number;
  path: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Extra request headers (e.g. Authorization for a signed-in timeline). */
  headers?: Record<string, string>;
  /** Authorization header values taken in turn, one per request (many distinct readers). */
  authorizations?: string[];
}

export interface LoadReport {
  requests: number;
  rps: number;
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  reconnects: number;
  bytesRead: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

const config = JSON.parse(process.argv[2] ?? "{}") as LoadConfig;
if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(config.host)) {
  process.stderr.write(`loadgen: refusing non-loopback host ${config.host}\n`);
  process.exit(2);
}

const requestFor = (authorization: string | undefined) =>
  Buffer.from(
    `GET ${config.path} HTTP/1.1\r\nHost: ${config.host}:${config.port}\r\n` +
      "Accept: application/json\r\nUser-Agent: hearth-bench\r\n" +
      Object.entries(config.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      (authorization === undefined ? "" : `Authorization: ${authorization}\r\n`) +
      "\r\n",
    "latin1",
  );
const requests = config.authorizations?.map(requestFor) ?? [requestFor(undefined)];
let sent = 0;
const EMPTY = Buffer.alloc(0);
const HEAD = 0;
const BODY = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const TRAILER = 4;

let latencies = new Float64Array(1 << 16);
let recorded = 0;
const statuses = new Map<number, number>();
let errors = 0;
let reconnects = 0;
let bytesRead = 0;
let startAt = Number.POSITIVE_INFINITY;
let endAt = Number.POSITIVE_INFINITY;
let active = 0;

let markedStart = false;
let markedEnd = false;

/** Prints "start"/"end" once the clock passes them (timers alone can fire late under load). */
function mark(now: number): void {
  if (!markedStart && now >= startAt) {
    markedStart = true;
    process.stdout.write("start\n");
  }
  if (!markedEnd && now >= endAt) {
    markedEnd = true;
    process.stdout.write("end\n");
  }
}

function record(ms: number, status: number): void {
  if (recorded === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[recorded++] = ms;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}

class Connection {
  socket!: net.Socket;
  pending: Buffer = EMPTY;
  state = HEAD;
  remaining = 0;
  status = 0;
  closeAfter = false;
  sentAt = 0;
  finished = false;

  constructor() {
    active++;
    this.connect();
  }

  connect(): void {
    const socket = net.connect({ host: config.host, port: config.port, noDelay: true });
    this.socket = socket;
    this.pending = EMPTY;
    this.state = HEAD;
    socket.on("connect", () => this.next());
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", () => {
      errors++;
    });
    socket.on("close", () => {
      if (this.finished) return;
      if (performance.now() >= endAt) {
        this.finish();
        return;
      }
      reconnects++;
      setTimeout(() => this.connect(), 10);
    });
  }

  next(): void {
    mark(performance.now());
    if (performance.now() >= endAt) {
      this.finish();
      return;
    }
    this.sentAt = performance.now();
    this.socket.write(requests[sent++ % requests.length] as Buffer);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.socket.destroy();
    if (--active === 0) report();
  }

  complete(): void {
    const now = performance.now();
    if (this.sentAt >= startAt && now <= endAt) record(now - this.sentAt, this.status);
    this.state = HEAD;
    if (this.closeAfter)
      this.socket.destroy(); // "close" reconnects
    else this.next();
  }

  onData(chunk: Buffer): void {
    bytesRead += chunk.length;
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let off = 0;
    while (off < buf.length) {
      if (this.state === HEAD) {
        const end = buf.indexOf("\r\n\r\n", off, "latin1");
        if (end < 0) break;
        const head = buf.toString("latin1", off, end);
        off = end + 4;
        this.status = Number(head.slice(9, 12));
        this.closeAfter = /\r\nconnection:[ \t]*close/i.test(head);
        const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
        if (Number.isNaN(this.status) || !head.startsWith("HTTP/1.")) {
          errors++;
          this.socket.destroy();
          return;
        }
        if (/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) this.state = CHUNK_SIZE;
        else {
          this.remaining = length === null ? 0 : Number(length[1]);
          this.state = BODY;
          if (this.remaining === 0) this.complete();
        }
      } else if (this.state === BODY || this.state === CHUNK_DATA) {
        const take = Math.min(this.remaining, buf.length - off);
        off += take;
        this.remaining -= take;
        if (this.remaining > 0) break;
        if (this.state === BODY) this.complete();
        else this.state = CHUNK_SIZE;
      } else {
        const eol = buf.indexOf("\r\n", off, "latin1");
        if (eol < 0) break;
        const line = buf.toString("latin1", off, eol);
        off = eol + 2;
        if (this.state === TRAILER) {
          if (line === "") this.complete();
        } else {
          const size = Number.parseInt(line, 16);
          if (size === 0) this.state = TRAILER;
          else {
            this.remaining = size + 2; // data + CRLF
            this.state = CHUNK_DATA;
          }
        }
      }
    }
    this.pending = off < buf.length ? buf.subarray(off) : EMPTY;
  }
}

let reported = false;
function report(): void {
  if (reported) return;
  reported = true;
  mark(Number.POSITIVE_INFINITY);
  const sorted = latencies.subarray(0, recorded).sort();
  const at = (p: number) => sorted[Math.min(recorded - 1, Math.floor((p / 100) * recorded))] ?? 0;
  let sum = 0;
  for (const v of sorted) sum += v;
  const counts: Record<string, number> = {};
  let non2xx = 0;
  for (const [status, n] of statuses) {
    counts[String(status)] = n;
    if (status < 200 || status > 299) non2xx += n;
  }
  const result: LoadReport = {
    requests: recorded,
    rps: recorded / (config.durationMs / 1000),
    statuses: counts,
    non2xx,
    errors,
    reconnects,
    bytesRead,
    latencyMs: { p50: at(50), p90: at(90), p99: at(99), max: at(100), mean: sum / recorded || 0 },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

const connectionsList: Connection[] = [];
for (let i = 0; i < config.connections; i++) connectionsList.push(new Connection());
startAt = performance.now() + config.warmupMs;
endAt = startAt + config.durationMs;
setTimeout(() => mark(performance.now()), config.warmupMs);
setTimeout(() => mark(performance.now()), config.warmupMs + config.durationMs);
// In-flight requests get 2 s after the window; then stop whatever is left, and never hang.
setTimeout(
  () => {
    for (const c of connectionsList) c.finish();
  },
  config.warmupMs + config.durationMs + 2000,
).unref();
setTimeout(() => process.exit(3), config.warmupMs + config.durationMs + 5000).unref();
