// One WebSocket to the streaming API for the whole app, multiplexing every screen's streams
// (Mastodon's `{"type":"subscribe","stream":...}`). The token travels as the subprotocol, as
// browsers cannot set headers on a WebSocket. A lost connection is retried with exponential
// backoff (1 s doubling to 30 s, with jitter); on reconnect every subscriber hears `onReconnect`
// so it can fetch what it missed.
import { createStore } from "../store.ts";

export interface StreamSpec {
  stream: string;
  tag?: string;
  list?: string;
}

export interface StreamEvent {
  event: string;
  /** The payload parsed from JSON when it is JSON (statuses, notifications), else the text. */
  payload: unknown;
}

interface Subscriber {
  spec: StreamSpec;
  onEvent: (event: StreamEvent) => void;
  onReconnect?: () => void;
}

export type ConnectionState = "idle" | "connecting" | "open" | "waiting";
export const connectionState = createStore<ConnectionState>("idle");

let socket: WebSocket | null = null;
let baseUrl = "";
let token = "";
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let everOpened = false;
const subscribers = new Set<Subscriber>();

function key(spec: StreamSpec): string {
  return `${spec.stream}|${spec.tag ?? ""}|${spec.list ?? ""}`;
}

/** Streams named in an event (`["hashtag", "cats"]`) → the spec key it belongs to. */
function eventKey(names: unknown): string | null {
  if (!Array.isArray(names) || typeof names[0] !== "string") return null;
  const [stream, arg] = names as [string, string | undefined];
  if (stream === "hashtag" || stream === "hashtag:local") return key({ stream, tag: arg });
  if (stream === "list") return key({ stream, list: arg });
  return key({ stream });
}

function send(type: "subscribe" | "unsubscribe", spec: StreamSpec) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type, ...spec }));
}

export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.5 + random / 2));
}

function connect() {
  if (socket !== null || baseUrl === "" || subscribers.size === 0) return;
  connectionState.set("connecting");
  const ws = new WebSocket(`${baseUrl}/api/v1/streaming`, token);
  socket = ws;
  ws.onopen = () => {
    retries = 0;
    connectionState.set("open");
    const seen = new Set<string>();
    for (const subscriber of subscribers) {
      const k = key(subscriber.spec);
      if (!seen.has(k)) send("subscribe", subscriber.spec);
      seen.add(k);
    }
    if (everOpened) for (const subscriber of subscribers) subscriber.onReconnect?.();
    everOpened = true;
  };
  ws.onmessage = (message) => {
    let data: { stream?: unknown; event?: unknown; payload?: unknown };
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (typeof data.event !== "string") return;
    let payload = data.payload;
    if (typeof payload === "string" && (payload.startsWith("{") || payload.startsWith("["))) {
      try {
        payload = JSON.parse(payload);
      } catch {
        // Leave it as text.
      }
    }
    const target = eventKey(data.stream);
    for (const subscriber of subscribers) {
      if (target === null || key(subscriber.spec) === target) {
        subscriber.onEvent({ event: data.event, payload });
      }
    }
  };
  ws.onclose = () => {
    socket = null;
    if (subscribers.size === 0 || baseUrl === "") {
      connectionState.set("idle");
      return;
    }
    connectionState.set("waiting");
    retryTimer = setTimeout(connect, backoffDelay(retries++));
  };
}

/** Where to connect: the instance's `configuration.urls.streaming` and the app's token. */
export function configureStreaming(url: string, accessToken: string): void {
  baseUrl = url.replace(/\/$/, "");
  token = accessToken;
  connect();
}

/** Stops for good (the token was refused: retrying with it cannot succeed). */
export function disconnect(): void {
  baseUrl = "";
  clearTimeout(retryTimer);
  socket?.close();
}

/** Listens to one stream until the returned function is called. */
export function subscribe(
  spec: StreamSpec,
  onEvent: (event: StreamEvent) => void,
  onReconnect?: () => void,
): () => void {
  const subscriber: Subscriber = { spec, onEvent, onReconnect };
  const k = key(spec);
  const already = [...subscribers].some((s) => key(s.spec) === k);
  subscribers.add(subscriber);
  if (socket === null) {
    clearTimeout(retryTimer);
    connect();
  } else if (!already) send("subscribe", spec);
  return () => {
    subscribers.delete(subscriber);
    if (![...subscribers].some((s) => key(s.spec) === k)) send("unsubscribe", spec);
  };
}
