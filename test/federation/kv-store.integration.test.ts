// Fedify's KvStore contract on our database: get/set/delete, TTL (with the rig's clock),
// compare-and-swap, prefix listing, and the cleanup of expired rows.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { KvKey } from "@fedify/fedify";
import { DatabaseKvStore } from "../../src/federation/kv-store.ts";
import { duration } from "../../src/federation/temporal.ts";
import { describeEachDatabase } from "../rig/index.ts";

const collect = async (iterable: AsyncIterable<{ key: KvKey; value: unknown }>) => {
  const out: { key: KvKey; value: unknown }[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
};

describeEachDatabase(
  "fedify kv store",
  (rig) => {
    const kv = () => new DatabaseKvStore(rig().ctx);
    const rows = async () =>
      Number(
        (
          await rig()
            .ctx.db.selectFrom("fedify_kv")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test("get of a missing key is undefined; set then get returns the value", async () => {
      assert.equal(await kv().get(["missing"]), undefined);
      const value = { a: 1, list: ["x", null, true], nested: { s: "é\u0000?" } };
      await kv().set(["t1", "doc"], value);
      assert.deepEqual(await kv().get(["t1", "doc"]), value);
    });

    test("scalars round-trip: strings, numbers, booleans, null", async () => {
      for (const [i, value] of ["text", 42, 1.5, false, true, null, ""].entries()) {
        await kv().set(["t2", String(i)], value);
        assert.deepEqual(await kv().get(["t2", String(i)]), value);
      }
    });

    test("set overwrites; delete removes; deleting a missing key is fine", async () => {
      await kv().set(["t3"], "one");
      await kv().set(["t3"], "two");
      assert.equal(await kv().get(["t3"]), "two");
      await kv().delete(["t3"]);
      assert.equal(await kv().get(["t3"]), undefined);
      await kv().delete(["t3"]);
    });

    test("keys are arrays: ['a','b'] and ['a,b'] and ['a'] are distinct", async () => {
      await kv().set(["t4", "a", "b"], 1);
      await kv().set(["t4", "a,b"], 2);
      await kv().set(["t4", "a"], 3);
      assert.equal(await kv().get(["t4", "a", "b"]), 1);
      assert.equal(await kv().get(["t4", "a,b"]), 2);
      assert.equal(await kv().get(["t4", "a"]), 3);
    });

    test("a TTL expires with the clock, and a new set without TTL keeps the value", async () => {
      await kv().set(["t5"], "short", { ttl: duration({ seconds: 30 }) });
      await kv().set(["t5", "day"], "long", { ttl: duration({ hours: 24 }) });
      rig().clock.advance(29_000);
      assert.equal(await kv().get(["t5"]), "short");
      rig().clock.advance(2_000);
      assert.equal(await kv().get(["t5"]), undefined);
      assert.equal(await kv().get(["t5", "day"]), "long");
      await kv().set(["t5"], "forever");
      rig().clock.advance(48 * 3600_000);
      assert.equal(await kv().get(["t5"]), "forever");
      assert.equal(await kv().get(["t5", "day"]), undefined);
    });

    test("cas: swaps only when the current value equals the expected one", async () => {
      assert.equal(await kv().cas!(["t6"], "x", "y"), false, "absent is not 'x'");
      assert.equal(await kv().get(["t6"]), undefined);
      assert.equal(await kv().cas!(["t6"], undefined, { n: 1 }), true, "absent matches undefined");
      assert.deepEqual(await kv().get(["t6"]), { n: 1 });
      assert.equal(await kv().cas!(["t6"], { n: 2 }, { n: 3 }), false);
      assert.deepEqual(await kv().get(["t6"]), { n: 1 });
      assert.equal(await kv().cas!(["t6"], { n: 1 }, { n: 2 }), true, "deep equality");
      assert.deepEqual(await kv().get(["t6"]), { n: 2 });
    });

    test("cas: an expired value counts as absent; cas honours its own TTL", async () => {
      await kv().set(["t7"], "old", { ttl: duration({ seconds: 1 }) });
      rig().clock.advance(2_000);
      assert.equal(await kv().cas!(["t7"], "old", "new"), false);
      assert.equal(
        await kv().cas!(["t7"], undefined, "new", {
          ttl: duration({ seconds: 10 }),
        }),
        true,
      );
      assert.equal(await kv().get(["t7"]), "new");
      rig().clock.advance(11_000);
      assert.equal(await kv().get(["t7"]), undefined);
    });

    test("cas: of many concurrent swaps from the same value exactly one wins", async () => {
      await kv().set(["t8"], 0);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => kv().cas!(["t8"], 0, i + 1)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    test("list(prefix) returns the key and its extensions, exactly, without expired ones", async () => {
      await kv().set(["t9", "a"], 1);
      await kv().set(["t9", "a", "x"], 2);
      await kv().set(["t9", "a", "y", "z"], 3);
      await kv().set(["t9", "ab"], 4);
      await kv().set(["t9", "A", "x"], 5);
      await kv().set(["t9", "a%", "x"], 6);
      await kv().set(["t9", "a_"], 7);
      await kv().set(["t9", "a", "gone"], 8, { ttl: duration({ seconds: 1 }) });
      rig().clock.advance(2_000);
      const listed = await collect(kv().list(["t9", "a"]));
      assert.deepEqual(
        listed.map((e) => e.key).sort(),
        [
          ["t9", "a"],
          ["t9", "a", "x"],
          ["t9", "a", "y", "z"],
        ].sort(),
      );
      assert.deepEqual(
        (await collect(kv().list(["t9", "a%"]))).map((e) => e.value),
        [6],
      );
      const all = await collect(kv().list());
      assert.ok(all.length >= 7);
      assert.ok(all.every((e) => Array.isArray(e.key)));
      assert.ok(!all.some((e) => e.value === 8), "expired rows are not listed");
    });

    test("cleanup deletes expired rows only, in batches", async () => {
      for (let i = 0; i < 5; i++)
        await kv().set(["t10", String(i)], i, { ttl: duration({ seconds: 1 }) });
      await kv().set(["t10", "keep"], "k", { ttl: duration({ hours: 1 }) });
      const before = await rows();
      rig().clock.advance(5_000);
      const deleted = await kv().cleanup(2);
      assert.ok(deleted >= 5);
      assert.equal(await rows(), before - deleted);
      assert.equal(await kv().get(["t10", "keep"]), "k");
      assert.equal(await kv().cleanup(), 0);
    });
  },
  { seed: false },
);
