// The streaming API's WebSocket, GET /api/v1/streaming with `Upgrade: websocket`, served by the
// `ws` package in noServer mode on the Node server's `upgrade` event (cli/serve.ts attaches it
// to the web process; the test rig too). As Mastodon's streaming server:
//   - the token is checked before the handshake: no token or a bad one is an HTTP error and no
//     socket (auth.ts); a token sent as Sec-WebSocket-Protocol is echoed back, which browsers
//     require;
//   - `?stream=…&tag=…&list=…` subscribes at once (done before the handshake completes, so an
//     open socket is already listening), and `{"type":"subscribe"|"unsubscribe","stream":…,
//     "tag"?,"list"?}` messages add and remove streams; refusals come back as
//     `{"error":"…","status":400|401}` frames and the socket stays open;
//   - frames are `{"stream":[…],"event":"…","payload":"<string>"}`; binary messages close the
//     socket (1003); invalid JSON and unknown message types are ignored;
//   - a ping every 30 s; a socket that did not answer the previous one is dropped.
import type { IncomingMessage, Server } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerType } from "@hono/node-server";
import { type WebSocket, WebSocketServer } from "ws";
import type { AppContext } from "../../context.ts";
import { HttpError } from "../../lib/errors.ts";
import { log } from "../../logger.ts";
import { authenticateStream, tokenFromHeaders } from "./auth.ts";
import { closeAllStreams, heartbeats, openSession, type StreamSession } from "./session.ts";
import type { StreamParams } from "./streams.ts";

const PATH = "/api/v1/streaming";
// Subscribe messages are tiny; nothing a client sends needs more.
const MAX_MESSAGE_BYTES = 16 * 1024;

export interface StreamingAttachment {
  /** Closes every stream (WebSocket and SSE) and stops taking upgrades. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const text = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : undefined;
};

// Every socket of a public stream sends the same frame for an event: encode it once (JSON, then
// UTF-8). Sockets hearing one event send one after another, so the last frame is enough.
let lastFrame: { key: string; payload: string | undefined; data: Buffer } | undefined;

function frameData(stream: string[], event: string, payload: string | undefined): Buffer {
  const key = `${event}\n${stream.join("\n")}`;
  if (lastFrame !== undefined && lastFrame.key === key && lastFrame.payload === payload)
    return lastFrame.data;
  const data = Buffer.from(JSON.stringify({ stream, event, payload }));
  lastFrame = { key, payload, data };
  return data;
}

const errorFrame = (error: HttpError) =>
  JSON.stringify({ error: error.message, status: error.status });

/** `server`: what @hono/node-server's serve() returns (an HTTP/1.1 server here). */
export function attachStreaming(server: ServerType, ctx: AppContext): StreamingAttachment {
  const http = server as Server;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Echo the token back as the chosen subprotocol (browsers drop a socket otherwise).
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => {});
    upgrade(ctx, wss, req, socket, head).catch((error: unknown) => {
      log("streaming").error("WebSocket upgrade failed: {error}", { error });
      refuse(socket, 500, "Internal server error");
    });
  };
  http.on("upgrade", onUpgrade);
  return {
    close: async () => {
      http.off("upgrade", onUpgrade);
      await closeAllStreams(ctx);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

async function upgrade(
  ctx: AppContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://streaming.invalid");
  if (url.pathname !== PATH && url.pathname !== `${PATH}/`)
    return refuse(socket, 404, "Record not found");
  let session: StreamSession;
  let ws: WebSocket | undefined;
  const early: Buffer[] = [];
  try {
    const token = tokenFromHeaders(
      header(req, "authorization"),
      url.searchParams,
      header(req, "sec-websocket-protocol"),
    );
    session = await openSession(ctx, await authenticateStream(ctx, token), {
      send(stream, event, payload) {
        const frame = frameData(stream, event, payload);
        if (ws === undefined) early.push(frame);
        else if (ws.readyState === ws.OPEN) ws.send(frame, { binary: false });
      },
      end() {
        if (ws === undefined) socket.destroy();
        else ws.close(1000);
      },
    });
  } catch (error) {
    if (error instanceof HttpError) return refuse(socket, error.status, error.message);
    throw error;
  }
  // Until the handshake completes, the raw socket closing ends the session.
  const abandon = () => {
    if (ws === undefined) void session.close();
  };
  socket.once("close", abandon);
  let refusal: HttpError | undefined;
  const initial = url.searchParams.get("stream");
  if (initial) {
    await session
      .subscribe(initial, {
        tag: url.searchParams.get("tag") ?? undefined,
        list: url.searchParams.get("list") ?? undefined,
      })
      .catch((error: unknown) => {
        if (!(error instanceof HttpError)) throw error;
        refusal = error;
      });
  }
  if (socket.destroyed) return void (await session.close());
  wss.handleUpgrade(req, socket, head, (client) => {
    socket.off("close", abandon);
    ws = client;
    for (const frame of early.splice(0)) client.send(frame, { binary: false });
    if (refusal !== undefined) client.send(errorFrame(refusal));
    serve(client, session);
  });
}

function serve(client: WebSocket, session: StreamSession): void {
  let alive = true;
  client.on("pong", () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) return void client.terminate();
    alive = false;
    client.ping();
  }, heartbeats.websocketMs);
  client.on("error", () => {});
  client.on("close", () => {
    clearInterval(heartbeat);
    void session.close();
  });
  // Requests run in order, so a subscribe then an unsubscribe of one stream end unsubscribed.
  let requests = Promise.resolve();
  client.on("message", (data, isBinary) => {
    if (isBinary) return void client.close(1003, "Binary messages are not supported");
    let message: Record<string, unknown>;
    try {
      const parsed = JSON.parse(String(data)) as unknown;
      if (typeof parsed !== "object" || parsed === null) return;
      message = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    const stream = text(message.stream) ?? "";
    const params: StreamParams = { tag: text(message.tag), list: text(message.list) };
    const act =
      message.type === "subscribe"
        ? () => session.subscribe(stream, params)
        : message.type === "unsubscribe"
          ? () => session.unsubscribe(stream, params)
          : undefined;
    if (act === undefined) return;
    requests = requests.then(act).catch((error: unknown) => {
      if (error instanceof HttpError && client.readyState === client.OPEN)
        client.send(errorFrame(error));
      else if (!(error instanceof HttpError))
        log("streaming").error("Stream request failed: {error}", { error });
    });
  });
}
