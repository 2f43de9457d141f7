// PubSub over Redis for servers that run several processes: each process holds one
// connection to publish and one to subscribe, and subscribes to a channel in Redis only while
// some local listener wants it. Channels are prefixed `hearth:` so a shared Redis stays tidy.
// Connections open on first use, so a process that never streams never connects.
import { createClient } from "@redis/client";
import { ListenerTable, type PubSub } from "./pubsub.ts";

const PREFIX = "hearth:";

export function createRedisPubSub(url: string, onError: (error: unknown) => void): PubSub {
  const table = new ListenerTable();
  type Client = ReturnType<typeof createClient>;
  let publisher: Promise<Client> | undefined;
  let subscriber: Promise<Client> | undefined;
  const connect = () => {
    const client = createClient({ url });
    client.on("error", onError);
    return client.connect() as Promise<Client>;
  };
  const handler = (message: string, channel: string) =>
    table.deliver(channel.slice(PREFIX.length), message);

  return {
    async publish(channel, message) {
      publisher ??= connect();
      await (await publisher).publish(PREFIX + channel, message);
    },
    async subscribe(channel, listener) {
      subscriber ??= connect();
      const client = await subscriber;
      if (table.add(channel, listener)) await client.subscribe(PREFIX + channel, handler);
      return async () => {
        if (table.remove(channel, listener)) await client.unsubscribe(PREFIX + channel, handler);
      };
    },
    listenerCount: (channel) => table.count(channel),
    async close() {
      table.clear();
      const clients = await Promise.allSettled(
        [publisher, subscriber].filter((c) => c !== undefined),
      );
      publisher = undefined;
      subscriber = undefined;
      for (const c of clients) if (c.status === "fulfilled") c.value.destroy();
    },
  };
}
