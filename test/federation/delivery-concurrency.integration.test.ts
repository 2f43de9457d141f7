// Per-host delivery concurrency in Fedify's queue (federation/message-queue.ts listen()): a
// slow host gets at most its share of the slots, deliveries to another host and inbox work go
// on meanwhile, and the held-back deliveries run once the slow host answers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DatabaseMessageQueue, deliveryHost } from "../../src/federation/message-queue.ts";
import { describeEachDatabase } from "../rig/index.ts";

type Message = { type: string; inbox?: string; n: number };

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describeEachDatabase("delivery concurrency per host", (rig) => {
  test("the host of a delivery; other messages have none", () => {
    assert.equal(
      deliveryHost({ type: "outbox", inbox: "https://Slow.example:8443/inbox" }),
      "slow.example:8443",
    );
    assert.equal(deliveryHost({ type: "inbox", inbox: "https://x.example/inbox" }), null);
    assert.equal(deliveryHost({ type: "outbox", inbox: "not a url" }), null);
  });

  test("a slow host holds at most its share; another host's deliveries proceed", async () => {
    const { ctx } = rig();
    const mq = new DatabaseMessageQueue(ctx, { concurrency: 4, hostConcurrency: 2, pollMs: 5 });
    const slow = (n: number): Message => ({ type: "outbox", inbox: `http://slow.test/u/${n}`, n });
    // Ten deliveries to the slow host first, then one elsewhere and one piece of inbox work.
    await mq.enqueueMany(Array.from({ length: 10 }, (_, i) => slow(i)));
    await mq.enqueueMany([
      { type: "outbox", inbox: "http://fast.test/inbox", n: 100 },
      { type: "inbox", n: 200 },
    ]);
    const release = gate();
    const othersDone = gate();
    const allDone = gate();
    let slowInFlight = 0;
    let slowMax = 0;
    let slowDone = 0;
    const others: number[] = [];
    const controller = new AbortController();
    const listening = mq.listen(
      async (raw) => {
        const m = raw as Message;
        if (m.inbox?.startsWith("http://slow.test/")) {
          slowInFlight++;
          slowMax = Math.max(slowMax, slowInFlight);
          await release.opened;
          slowInFlight--;
          slowDone++;
        } else {
          others.push(m.n);
          if (others.length === 2) othersDone.open();
        }
        if (slowDone === 10 && others.length === 2) allDone.open();
      },
      { signal: controller.signal },
    );
    // The slow host answers nothing yet: the others still get through.
    await othersDone.opened;
    assert.deepEqual(others.sort(), [100, 200]);
    assert.equal(slowDone, 0);
    assert.equal(slowMax, 2, "two deliveries to the slow host at a time");
    // It answers: what was held back runs (each deferral waits DEFER_MS of the rig's clock).
    release.open();
    const ticking = setInterval(() => rig().clock.advance(1000), 5);
    await allDone.opened;
    clearInterval(ticking);
    assert.equal(slowMax, 2);
    controller.abort();
    await listening;
    const left = await ctx.db
      .selectFrom("jobs")
      .select("id")
      .where("queue", "=", "fedify")
      .execute();
    assert.equal(left.length, 0);
  });
});
