// The home read is compiled once and run with each reader's values (db/queries/prepared.ts):
// readers asking in turn must each get their own home, and every page shape (max_id,
// since_id, min_id, limits) its own range, never a previous caller's.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";

describeEachDatabase("home read, one compiled query for every reader", (rig) => {
  const tokens: Record<"alice" | "bob" | "admin", string> = { alice: "", bob: "", admin: "" };
  const expected: Record<"alice" | "bob" | "admin", string[]> = { alice: [], bob: [], admin: [] };
  const homeIds = async (token: string, query = "") => {
    const res = await call(rig(), "GET", `/api/v1/timelines/home${query}`, token);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.map((s: Json) => s.id as string);
  };

  before(async () => {
    for (const name of ["alice", "bob", "admin"] as const)
      tokens[name] = await createToken(rig().ctx, name, "read write");
    const { alice, bob } = rig().fixtures;
    // Bob follows Alice, the admin follows Bob; Alice follows nobody.
    for (const [who, target] of [
      ["bob", alice.id],
      ["admin", bob.id],
    ] as const) {
      const res = await call(rig(), "POST", `/api/v1/accounts/${target}/follow`, tokens[who]);
      assert.equal(res.status, 200);
    }
    const byAlice: string[] = [];
    const byBob: string[] = [];
    for (let i = 0; i < 3; i++) {
      byAlice.unshift((await post(rig(), tokens.alice, { status: `alice ${i}` })).id);
      byBob.unshift((await post(rig(), tokens.bob, { status: `bob ${i}` })).id);
    }
    await runDueJobs(rig().ctx);
    const newestFirst = (ids: string[]) =>
      [...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expected.alice = byAlice;
    expected.bob = newestFirst([...byAlice, ...byBob]);
    expected.admin = byBob;
  });

  test("readers asking in turn each get their own home", async () => {
    for (let round = 0; round < 2; round++)
      for (const name of ["bob", "admin", "alice", "bob"] as const)
        assert.deepEqual(await homeIds(tokens[name]), expected[name], `${name}, round ${round}`);
  });

  test("each page shape gets its own range, whoever asked before", async () => {
    const all = expected.bob;
    const cases: [string, string[]][] = [
      [`?max_id=${all[1]}`, all.slice(2)],
      [`?max_id=${all[1]}&limit=2`, all.slice(2, 4)],
      [`?since_id=${all[3]}`, all.slice(0, 3)],
      [`?min_id=${all[4]}&limit=2`, all.slice(2, 4)],
      [`?max_id=${all[0]}&since_id=${all[4]}`, all.slice(1, 4)],
      ["?limit=1", all.slice(0, 1)],
    ];
    for (let round = 0; round < 2; round++)
      for (const [query, ids] of cases) {
        assert.deepEqual(await homeIds(tokens.bob, query), ids, query);
        // The admin's home between two of Bob's pages: same shapes, other values.
        assert.deepEqual(await homeIds(tokens.admin), expected.admin);
      }
  });
});
