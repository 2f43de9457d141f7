// Work shared by the connections of this process that hear the same message. A pub/sub
// message reaches every local listener of its channel in one synchronous pass; the first
// listener opens a "wave" for it and the others of that pass join it, so what is the same for
// all of them is done once: the public streams' check and rendering (render.ts), one render per
// viewer when a viewer has several connections. A later message, even an identical one (a
// second edit), opens a new wave.
//
// The public and hashtag streams also need to know who listens: connections register their
// viewer per channel, so one batched query per event finds the viewers who hide it.
import type { AppContext } from "../../context.ts";
import type { StreamMessage } from "../../domain/streaming.ts";

export interface Wave {
  channel: string;
  /** Undefined when the message is not one of ours (ignored). */
  message: StreamMessage | undefined;
  /** Viewers registered on the channel when the message came (filtered streams only). */
  viewers: readonly string[];
  /** Results shared within the wave, by key. */
  shared: Map<string, Promise<unknown>>;
}

interface Hub {
  viewers: Map<string, Map<string, number>>;
  open: Map<string, Wave>;
}

const hubs = new WeakMap<AppContext, Hub>();

function hubOf(ctx: AppContext): Hub {
  let hub = hubs.get(ctx);
  if (hub === undefined) {
    hub = { viewers: new Map(), open: new Map() };
    hubs.set(ctx, hub);
  }
  return hub;
}

/** Called by each listener as the message arrives (synchronously, before any await). */
export function waveOf(ctx: AppContext, channel: string, raw: string): Wave {
  const hub = hubOf(ctx);
  const key = `${channel}\n${raw}`;
  let wave = hub.open.get(key);
  if (wave === undefined) {
    wave = {
      channel,
      message: parseMessage(raw),
      viewers: [...(hub.viewers.get(channel)?.keys() ?? [])],
      shared: new Map(),
    };
    hub.open.set(key, wave);
    // The pass over the listeners is synchronous: once it is over, the next message is new.
    queueMicrotask(() => hub.open.delete(key));
  }
  return wave;
}

/** `make` runs once per wave and key; the others of the wave get its result. */
export function shareInWave<T>(wave: Wave, key: string, make: () => Promise<T>): Promise<T> {
  let result = wave.shared.get(key) as Promise<T> | undefined;
  if (result === undefined) {
    result = make();
    wave.shared.set(key, result);
  }
  return result;
}

export function addViewer(ctx: AppContext, channel: string, viewerId: string): void {
  const viewers = hubOf(ctx).viewers;
  let counts = viewers.get(channel);
  if (counts === undefined) {
    counts = new Map();
    viewers.set(channel, counts);
  }
  counts.set(viewerId, (counts.get(viewerId) ?? 0) + 1);
}

export function removeViewer(ctx: AppContext, channel: string, viewerId: string): void {
  const viewers = hubOf(ctx).viewers;
  const counts = viewers.get(channel);
  if (counts === undefined) return;
  const left = (counts.get(viewerId) ?? 1) - 1;
  if (left > 0) counts.set(viewerId, left);
  else counts.delete(viewerId);
  if (counts.size === 0) viewers.delete(channel);
}

export function parseMessage(raw: string): StreamMessage | undefined {
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { event, payload } = value as Record<string, unknown>;
    if (typeof event !== "string") return undefined;
    return {
      event: event as StreamMessage["event"],
      payload: typeof payload === "string" ? payload : "",
    };
  } catch {
    return undefined;
  }
}
