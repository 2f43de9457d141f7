// One client connection (a WebSocket, or one SSE response) and its subscriptions, whatever the
// transport. Each subscription listens on its pub/sub channels; a message is rendered for the
// connection's viewer (render.ts) and handed to the transport's `send`. Messages are handled
// one at a time per connection, so a client sees events in the order they were published.
// The token's system channel (`kill`) ends the connection; so does the server stopping.
import type { AppContext } from "../../context.ts";
import { channels } from "../../domain/streaming.ts";
import { HttpError } from "../../lib/errors.ts";
import { log } from "../../logger.ts";
import { renderFrame } from "./render.ts";
import {
  type ResolvedStream,
  resolveStream,
  type StreamAuth,
  type StreamParams,
} from "./streams.ts";
import { addViewer, parseMessage, removeViewer, type Wave, waveOf } from "./waves.ts";

export interface StreamTransport {
  send(stream: string[], event: string, payload: string | undefined): void;
  /** Ends the connection from the server side (token revoked, server stopping). */
  end(): void;
}

export interface StreamSession {
  readonly auth: StreamAuth;
  /** Throws HttpError (unknown stream, scopes, missing tag…); a repeat is ignored. */
  subscribe(name: string, params: StreamParams): Promise<void>;
  unsubscribe(name: string, params: StreamParams): Promise<void>;
  /** Stops listening (the client left or the server ended it); idempotent. */
  close(): Promise<void>;
}

/** Heartbeats: Mastodon pings WebSockets every 30 s and writes `:thump` to SSE every 15 s. */
export const heartbeats = { websocketMs: 30_000, sseMs: 15_000 };

const NOTIFICATION_EVENTS = new Set(["notification", "notifications_merged"]);

// Mastodon has no cap; one keeps a connection from holding channels without bound.
const MAX_SUBSCRIPTIONS = 100;

/** Live sessions per context, so stopping the server can end them (SSE responses included). */
const live = new WeakMap<AppContext, Set<StreamSession & { end(): void }>>();

export async function closeAllStreams(ctx: AppContext): Promise<void> {
  const sessions = [...(live.get(ctx) ?? [])];
  for (const s of sessions) s.end();
  await Promise.all(sessions.map((s) => s.close()));
}

/** The number of open streaming connections (benchmarks, tests). */
export function openStreamCount(ctx: AppContext): number {
  return live.get(ctx)?.size ?? 0;
}

export async function openSession(
  ctx: AppContext,
  auth: StreamAuth,
  transport: StreamTransport,
): Promise<StreamSession> {
  const subscriptions = new Map<string, Promise<(() => Promise<void>)[]>>();
  let queue = Promise.resolve();
  let closed = false;

  const deliver = async (stream: ResolvedStream, wave: Wave) => {
    const message = wave.message;
    if (closed || message === undefined) return;
    // Notifications come on their own channel (read:notifications); publishers may also put
    // them on the home channel, which must not show them twice or to tokens without the scope.
    if (NOTIFICATION_EVENTS.has(message.event) && wave.channel === channels.home(auth.accountId))
      return;
    const frame = await renderFrame(ctx, wave, {
      viewerId: auth.accountId,
      viewerRole: auth.role ?? null,
      stream,
    });
    if (frame !== null && !closed) transport.send(stream.name, frame.event, frame.payload);
  };

  const listen = (stream: ResolvedStream) => async () =>
    Promise.all(
      stream.channels.map(async (channel) => {
        // The public streams check each event for all their viewers at once (waves.ts).
        if (stream.filter) addViewer(ctx, channel, auth.accountId);
        const stop = await ctx.pubsub.subscribe(channel, (raw) => {
          const wave = waveOf(ctx, channel, raw);
          queue = queue
            .then(() => deliver(stream, wave))
            .catch((error: unknown) =>
              log("streaming").error("Could not send {channel} event: {error}", {
                channel,
                error,
              }),
            );
        });
        return async () => {
          if (stream.filter) removeViewer(ctx, channel, auth.accountId);
          await stop();
        };
      }),
    );

  const session = {
    auth,
    async subscribe(name: string, params: StreamParams) {
      const stream = await resolveStream(ctx, auth, name, params);
      if (closed || subscriptions.has(stream.key)) return;
      if (subscriptions.size >= MAX_SUBSCRIPTIONS)
        throw new HttpError(400, `No more than ${MAX_SUBSCRIPTIONS} streams per connection`);
      const listening = listen(stream)();
      subscriptions.set(stream.key, listening);
      // Resolves once the channels are live, so "subscribed" means events will arrive.
      await listening;
    },
    async unsubscribe(name: string, params: StreamParams) {
      const stream = await resolveStream(ctx, auth, name, params).catch(() => undefined);
      const stops = stream === undefined ? undefined : subscriptions.get(stream.key);
      if (stream === undefined || stops === undefined) return;
      subscriptions.delete(stream.key);
      await Promise.all((await stops).map((stop) => stop()));
    },
    async close() {
      if (closed) return;
      closed = true;
      live.get(ctx)?.delete(session);
      const all = [...subscriptions.values(), system];
      subscriptions.clear();
      for (const stops of await Promise.allSettled(all))
        if (stops.status === "fulfilled") await Promise.allSettled(stops.value.map((s) => s()));
    },
    end: () => transport.end(),
  };
  // A revoked token ends its streams everywhere (services/streaming/end-streams.ts).
  const system = ctx.pubsub
    .subscribe(channels.accessToken(auth.tokenId), (raw) => {
      if (parseMessage(raw)?.event === ("kill" as string)) transport.end();
    })
    .then((stop) => [stop]);
  await system;
  let set = live.get(ctx);
  if (set === undefined) {
    set = new Set();
    live.set(ctx, set);
  }
  set.add(session);
  return session;
}
