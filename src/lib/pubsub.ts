// Publish/subscribe for live events (streaming API): one process keeps it in memory; several
// processes share Redis (REDIS_URL, ./redis-pubsub.ts). Messages are strings (JSON made by the
// caller); delivery is at most once, as Mastodon's streaming is: a client that reconnects
// reloads its timeline.
export type Listener = (message: string) => void;

export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is live; call the returned function to end it. */
  subscribe(channel: string, listener: Listener): Promise<() => Promise<void>>;
  /** How many local listeners a channel has (skip rendering for nobody). */
  listenerCount(channel: string): number;
  close(): Promise<void>;
}

/** Local listeners per channel, shared by both implementations. */
export class ListenerTable {
  readonly #channels = new Map<string, Set<Listener>>();

  /** Adds a listener; true when it is the channel's first. */
  add(channel: string, listener: Listener): boolean {
    let set = this.#channels.get(channel);
    const first = set === undefined;
    if (set === undefined) {
      set = new Set();
      this.#channels.set(channel, set);
    }
    set.add(listener);
    return first;
  }

  /** Removes a listener; true when the channel has none left. */
  remove(channel: string, listener: Listener): boolean {
    const set = this.#channels.get(channel);
    if (set === undefined) return false;
    set.delete(listener);
    if (set.size > 0) return false;
    this.#channels.delete(channel);
    return true;
  }

  count(channel: string): number {
    return this.#channels.get(channel)?.size ?? 0;
  }

  deliver(channel: string, message: string): void {
    for (const listener of this.#channels.get(channel) ?? []) {
      try {
        listener(message);
      } catch {
        // One broken listener (a closed socket) must not keep the message from the others.
      }
    }
  }

  clear(): void {
    this.#channels.clear();
  }
}

export function createMemoryPubSub(): PubSub {
  const table = new ListenerTable();
  return {
    async publish(channel, message) {
      // Asynchronous like Redis: a publisher never runs listeners inside its own call.
      if (table.count(channel) > 0) queueMicrotask(() => table.deliver(channel, message));
    },
    async subscribe(channel, listener) {
      table.add(channel, listener);
      return async () => {
        table.remove(channel, listener);
      };
    },
    listenerCount: (channel) => table.count(channel),
    async close() {
      table.clear();
    },
  };
}
