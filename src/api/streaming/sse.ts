// /api/v1/streaming/* — the streaming API over server-sent events
// (https://docs.joinmastodon.org/methods/streaming/): one stream per response, chosen by the
// path (`only_media` picks the `:media` public streams, `tag` and `list` their stream). The
// token and the stream are checked before the response starts, so refusals are ordinary
// `{"error"}` responses; then `event: <name>` / `data: <payload>` blocks, `:thump` every 15 s.
// The response ends when the client goes away, the token is revoked or the server stops.
// `/health` answers `OK`; GET /api/v1/streaming itself is a 404 (Mastodon's answer when the
// REST host also serves streaming); other paths are 400 "Unknown channel requested".
import type { Context } from "hono";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { HttpError } from "../../lib/errors.ts";
import type { Env } from "../env.ts";
import { bearerToken } from "../middleware/auth.ts";
import { authenticateStream } from "./auth.ts";
import { heartbeats, openSession } from "./session.ts";

const truthy = (value: string | undefined) =>
  value !== undefined && ["1", "true", "t", "on", "yes"].includes(value.toLowerCase());

const CHANNELS: Record<string, (c: Context<Env>) => string> = {
  "/user": () => "user",
  "/user/notification": () => "user:notification",
  "/public": (c) => (truthy(c.req.query("only_media")) ? "public:media" : "public"),
  "/public/local": (c) =>
    truthy(c.req.query("only_media")) ? "public:local:media" : "public:local",
  "/public/remote": (c) =>
    truthy(c.req.query("only_media")) ? "public:remote:media" : "public:remote",
  "/hashtag": () => "hashtag",
  "/hashtag/local": () => "hashtag:local",
  "/list": () => "list",
  "/direct": () => "direct",
};

async function stream(c: Context<Env>, name: string): Promise<Response> {
  const ctx = c.var.ctx;
  const auth = await authenticateStream(ctx, bearerToken(c));
  let write: ((event: string, data: string) => void) | undefined;
  let ended = false;
  let end: () => void = () => {
    ended = true;
  };
  const session = await openSession(ctx, auth, {
    send: (_stream, event, payload) => write?.(event, payload ?? "undefined"),
    end: () => end(),
  });
  try {
    await session.subscribe(name, { tag: c.req.query("tag"), list: c.req.query("list") });
  } catch (error) {
    await session.close();
    throw error;
  }
  const response = streamSSE(c, async (sse) => {
    write = (event, data) => void sse.writeSSE({ event, data });
    const done = new Promise<void>((resolve) => {
      end = resolve;
      if (ended) resolve();
    });
    sse.onAbort(() => end());
    await sse.write(":)\n");
    const thump = setInterval(() => void sse.write(":thump\n"), heartbeats.sseMs);
    try {
      await done;
    } finally {
      clearInterval(thump);
      await session.close();
    }
  });
  // As Mastodon: never cached. Hono copies the context's headers onto the returned response,
  // so this replaces streamSSE's no-cache.
  c.header("Cache-Control", "private, no-store");
  return response;
}

export const streamingRoutes = new Hono<Env>()
  .get("/health", (c) => c.text("OK"))
  .get("/", () => {
    throw new HttpError(404, "Record not found");
  })
  .get("/*", (c) => {
    const path = c.req.path.replace(/^.*\/api\/v1\/streaming/, "").replace(/\/$/, "");
    const channel = CHANNELS[path];
    if (channel === undefined) throw new HttpError(400, "Unknown channel requested");
    return stream(c, channel(c));
  });
