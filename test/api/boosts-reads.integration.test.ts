// Boosts as reads show them: GET /api/v1/statuses/:id, an account's statuses, GET
// /api/v1/statuses/:id/reblogged_by, the visibility of a boost, and what a page of boosts
// costs. Writing them: boosts.integration.test.ts.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);
const nextLink = (res: { headers: Headers }) =>
  /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];

describeEachDatabase("boosts in reads", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  let aliceId: string;
  let bobId: string;
  let adminId: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
    aliceId = rig().fixtures.alice.id;
    bobId = rig().fixtures.bob.id;
    adminId = rig().fixtures.admin.id;
  });
  const boost = (token: string, id: string, body?: unknown) =>
    call(rig(), "POST", `/api/v1/statuses/${id}/reblog`, token, body);
  const unboost = (token: string, id: string) =>
    call(rig(), "POST", `/api/v1/statuses/${id}/unreblog`, token);

  test("a boost is visible only while its original is", async () => {
    const s = await post(rig(), bob, { status: "seen through alice" });
    const b = (await boost(alice, s.id)).body;
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${b.id}`, admin)).status, 200);
    // bob blocks admin: alice's boost of bob's post disappears for admin, everywhere.
    await call(rig(), "POST", `/api/v1/accounts/${adminId}/block`, bob);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${b.id}`, admin)).status, 404);
    const listed = await call(rig(), "GET", `/api/v1/accounts/${aliceId}/statuses?limit=40`, admin);
    assert.ok(!idsOf(listed.body).includes(b.id));
    const many = await call(rig(), "GET", `/api/v1/statuses?id[]=${b.id}&id[]=${s.id}`, admin);
    assert.deepEqual(many.body, []);
    assert.equal((await boost(admin, b.id)).status, 404);
    await call(rig(), "POST", `/api/v1/accounts/${adminId}/unblock`, bob);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${b.id}`, admin)).status, 200);
  });

  test("GET a boost's id answers the wrapper, anonymous too", async () => {
    const s = await post(rig(), bob, { status: "wrapped" });
    const b = (await boost(alice, s.id)).body;
    const res = await call(rig(), "GET", `/api/v1/statuses/${b.id}`, undefined);
    assert.equal(res.status, 200);
    assert.equal(res.body.id, b.id);
    assert.equal(res.body.reblog.id, s.id);
    assert.equal(res.body.reblog.reblogs_count, 1);
    const mine = await call(rig(), "GET", `/api/v1/statuses/${b.id}`, alice);
    assert.equal(mine.body.reblog.reblogged, true);
  });

  test("an account's statuses list its boosts; exclude_reblogs leaves them out", async () => {
    const s = await post(rig(), bob, { status: "on alice's profile" });
    const b = (await boost(alice, s.id)).body;
    const all = await call(rig(), "GET", `/api/v1/accounts/${aliceId}/statuses?limit=5`, bob);
    assert.equal(all.status, 200);
    const shown = all.body.find((x: Json) => x.id === b.id);
    assert.equal(shown.reblog.id, s.id);
    const anon = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${aliceId}/statuses?limit=5`,
      undefined,
    );
    assert.ok(idsOf(anon.body).includes(b.id));
    const without = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${aliceId}/statuses?exclude_reblogs=true&limit=40`,
      bob,
    );
    assert.ok(without.body.every((x: Json) => x.reblog === null));
    assert.ok(!idsOf(without.body).includes(b.id));
  });

  test("reblogged_by: newest first, paginated, suspended left out, 404 when hidden", async () => {
    const s = await post(rig(), alice, { status: "popular" });
    await boost(bob, s.id);
    await boost(admin, s.id);
    const all = await call(rig(), "GET", `/api/v1/statuses/${s.id}/reblogged_by`, undefined);
    assert.equal(all.status, 200);
    assert.deepEqual(idsOf(all.body), [adminId, bobId]);
    const one = await call(rig(), "GET", `/api/v1/statuses/${s.id}/reblogged_by?limit=1`, bob);
    assert.deepEqual(idsOf(one.body), [adminId]);
    const next = nextLink(one);
    assert.ok(next);
    const rest = await call(rig(), "GET", next.replace(rig().url, ""), bob);
    assert.deepEqual(idsOf(rest.body), [bobId]);
    // Unboosted and suspended boosters leave the list.
    await unboost(bob, s.id);
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: "2026-01-01T12:00:00.000Z" })
      .where("id", "=", adminId)
      .execute();
    const after = await call(rig(), "GET", `/api/v1/statuses/${s.id}/reblogged_by`, alice);
    assert.deepEqual(after.body, []);
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: null })
      .where("id", "=", adminId)
      .execute();

    const hidden = await post(rig(), alice, { status: "private", visibility: "private" });
    await boost(alice, hidden.id);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${hidden.id}/reblogged_by`, undefined)).status,
      404,
    );
    const own = await call(rig(), "GET", `/api/v1/statuses/${hidden.id}/reblogged_by`, alice);
    assert.deepEqual(idsOf(own.body), [aliceId]);
  });

  test("a page of 20 boosts costs the same number of queries as a page of 2", async () => {
    const token = await createToken(rig().ctx, "admin");
    for (let i = 0; i < 22; i++) {
      const author = i % 2 === 0 ? bob : alice;
      const s = await post(rig(), author, { status: `boosted ${i} @admin #b${i}` });
      await boost(token, s.id);
    }
    const cost = (limit: number) =>
      countQueries(rig(), () =>
        call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses?limit=${limit}`, alice),
      );
    const small = await cost(2);
    const large = await cost(20);
    assert.equal(large, small);
    const page = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses?limit=20`, alice);
    assert.equal(page.body.length, 20);
    assert.ok(page.body.every((x: Json) => x.reblog !== null && x.reblog.mentions.length === 1));
  });
});
