// PubSub in memory and over Redis: a message reaches every listener of its channel and no
// other, unsubscribing stops it, and with Redis a message crosses between two connections (as
// between two processes). The Redis half needs a server at REDIS_TEST_URL (default
// 127.0.0.1:6379); it is skipped with a reason when none answers, unless CI requires it.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { describe, test } from "node:test";
import { createMemoryPubSub, type PubSub } from "../../src/lib/pubsub.ts";
import { createRedisPubSub } from "../../src/lib/redis-pubsub.ts";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

async function redisAnswers(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const received = (n: number) => {
  const messages: string[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  return {
    messages,
    all,
    listener: (m: string) => {
      messages.push(m);
      if (messages.length >= n) done();
    },
  };
};

function contract(name: string, make: () => Promise<[PubSub, PubSub]>, skip: string | false) {
  describe(name, { skip }, () => {
    test("a message reaches the channel's listeners only, until they unsubscribe", async () => {
      const [a, b] = await make();
      try {
        const one = received(2);
        const two = received(1);
        const other = received(1);
        const stopOne = await b.subscribe("timeline:1", one.listener);
        await b.subscribe("timeline:1", two.listener);
        await b.subscribe("timeline:2", other.listener);
        assert.equal(b.listenerCount("timeline:1"), 2);
        await a.publish("timeline:1", '{"event":"update","payload":"1"}');
        await two.all;
        await stopOne();
        assert.equal(b.listenerCount("timeline:1"), 1);
        await a.publish("timeline:1", "second");
        await a.publish("timeline:2", "elsewhere");
        await other.all;
        assert.deepEqual(one.messages, ['{"event":"update","payload":"1"}']);
        assert.deepEqual(two.messages, ['{"event":"update","payload":"1"}', "second"]);
        assert.deepEqual(other.messages, ["elsewhere"]);
      } finally {
        await a.close();
        if (b !== a) await b.close();
      }
    });

    test("a listener that throws does not keep the message from the others", async () => {
      const [a, b] = await make();
      try {
        const ok = received(1);
        await b.subscribe("c", () => {
          throw new Error("socket gone");
        });
        await b.subscribe("c", ok.listener);
        await a.publish("c", "m");
        await ok.all;
        assert.deepEqual(ok.messages, ["m"]);
      } finally {
        await a.close();
        if (b !== a) await b.close();
      }
    });
  });
}

contract(
  "memory pubsub",
  async () => {
    const p = createMemoryPubSub();
    return [p, p];
  },
  false,
);

const redisUp = await redisAnswers();
if (!redisUp && process.env.HEARTH_REQUIRE_REDIS === "1")
  throw new Error(`HEARTH_REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
contract(
  "redis pubsub (two connections, as two processes)",
  async () => {
    const onError = (e: unknown) => assert.fail(String(e));
    return [createRedisPubSub(REDIS_URL, onError), createRedisPubSub(REDIS_URL, onError)];
  },
  redisUp ? false : `no Redis at ${REDIS_URL}`,
);
