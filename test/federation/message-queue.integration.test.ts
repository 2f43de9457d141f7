// Fedify's MessageQueue on the jobs table: messages in order, delays by the rig's clock, a
// failing handler keeps its row as failed, listen() stops on abort, nothing lost between runs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DatabaseMessageQueue, FEDIFY_QUEUE } from "../../src/federation/message-queue.ts";
import { duration } from "../../src/federation/temporal.ts";
import { describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "fedify message queue",
  (rig) => {
    const rows = () =>
      rig()
        .ctx.db.selectFrom("jobs")
        .selectAll()
        .where("queue", "=", FEDIFY_QUEUE)
        .orderBy("id")
        .execute();

    test("enqueued messages run once, in order, and their rows go", async () => {
      const mq = new DatabaseMessageQueue(rig().ctx);
      await mq.enqueue({ n: 1 });
      await mq.enqueueMany([{ n: 2 }, { n: 3, nested: ["x"] }]);
      assert.equal((await rows()).length, 3);
      const seen: unknown[] = [];
      assert.equal(await mq.runDue((m) => void seen.push(m)), 3);
      const expected: unknown[] = [{ n: 1 }, { n: 2 }, { n: 3, nested: ["x"] }];
      assert.deepEqual(seen, expected);
      assert.equal((await rows()).length, 0);
      assert.equal(await mq.runDue((m) => void seen.push(m)), 0);
    });

    test("a message is stored sealed: a private key inside never sits in the clear", async () => {
      const mq = new DatabaseMessageQueue(rig().ctx);
      const secret = { keys: [{ keyId: "k", privateKey: { kty: "RSA", d: "very-secret-d" } }] };
      await mq.enqueue(secret);
      const [row] = await rows();
      assert.ok(!JSON.stringify(row?.payload).includes("very-secret-d"));
      const seen: unknown[] = [];
      await mq.runDue((m) => void seen.push(m));
      assert.deepEqual(seen, [secret]);
    });

    test("a delayed message waits for the clock", async () => {
      const mq = new DatabaseMessageQueue(rig().ctx);
      await mq.enqueue("later", { delay: duration({ minutes: 5 }) });
      const seen: unknown[] = [];
      assert.equal(await mq.runDue((m) => void seen.push(m)), 0);
      rig().clock.advance(5 * 60_000);
      assert.equal(await mq.runDue((m) => void seen.push(m)), 1);
      assert.deepEqual(seen, ["later"]);
    });

    test("a handler that throws leaves the message failed, not retried by us", async () => {
      const mq = new DatabaseMessageQueue(rig().ctx);
      await mq.enqueue({ bad: true });
      await mq.runDue(() => {
        throw new Error("boom");
      });
      const [row] = await rows();
      assert.ok(row?.failed_at !== null);
      assert.match(row?.last_error ?? "", /boom/);
      assert.equal(await mq.runDue(() => {}), 0);
      await rig().ctx.db.deleteFrom("jobs").where("queue", "=", FEDIFY_QUEUE).execute();
    });

    test("listen() handles what is enqueued and returns on abort", async () => {
      const mq = new DatabaseMessageQueue(rig().ctx, { pollMs: 20 });
      const seen: unknown[] = [];
      const controller = new AbortController();
      let resolveSeen: () => void = () => {};
      const arrived = new Promise<void>((r) => {
        resolveSeen = r;
      });
      const listening = mq.listen(
        (m) => {
          seen.push(m);
          if (seen.length === 2) resolveSeen();
        },
        { signal: controller.signal },
      );
      await mq.enqueue("a");
      await mq.enqueue("b");
      await arrived;
      controller.abort();
      await listening;
      assert.deepEqual(seen, ["a", "b"]);
    });

    test("other job lanes are left alone", async () => {
      const { ctx } = rig();
      await ctx.db
        .insertInto("jobs")
        .values({
          id: ctx.newId(),
          type: "media.cleanup",
          payload: "{}",
          run_at: ctx.clock.now().toISOString(),
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      const mq = new DatabaseMessageQueue(ctx);
      assert.equal(await mq.runDue(() => {}), 0);
      await ctx.db.deleteFrom("jobs").execute();
    });
  },
  { seed: false },
);
