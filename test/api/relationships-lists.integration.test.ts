// Lists and batched reads: followers/following with Link headers and hide_collections, the
// locked-account request flow, blocks and mutes lists, and relationships?id[]= at a constant
// number of queries.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  accountRow,
  assertAuthEnforced,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
} from "../rig/index.ts";
import { call, countQueries, counts } from "./relationships-kit.ts";

const MANY = 45;

describeEachDatabase("relationships (lists)", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  const crowd: string[] = [];
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
    // 45 followers of bob, seeded straight into the tables (the follow service has its own tests).
    for (let i = 0; i < MANY; i++) {
      const id = String(800000000000000000n + BigInt(i));
      crowd.push(id);
      await rig()
        .ctx.db.insertInto("accounts")
        .values(accountRow({ id, username: `fan${i}`, domain: i % 2 ? "remote.test" : null }))
        .execute();
      await rig()
        .ctx.db.insertInto("follows")
        .values({
          id: String(900000000000000000n + BigInt(i)),
          account_id: id,
          target_account_id: rig().fixtures.bob.id,
          created_at: FIXED_TIME,
          updated_at: FIXED_TIME,
        })
        .execute();
    }
  });

  test("the list endpoints enforce token and scope", async () => {
    for (const [path, scope] of [
      ["/api/v1/accounts/relationships", "read:follows"],
      ["/api/v1/follow_requests", "read:follows"],
      ["/api/v1/blocks", "read:blocks"],
      ["/api/v1/mutes", "read:mutes"],
    ] as const) {
      await assertAuthEnforced(rig(), { method: "GET", path, scope });
    }
    for (const action of ["authorize", "reject"]) {
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/follow_requests/${rig().fixtures.bob.id}/${action}`,
        scope: "write:follows",
      });
    }
  });

  test("followers pages follow the Link header through all 45", async () => {
    const seen: string[] = [];
    let path: string | undefined = `/api/v1/accounts/${rig().fixtures.bob.id}/followers?limit=20`;
    let pages = 0;
    while (path !== undefined) {
      const res = await call(rig(), "GET", path, undefined);
      assert.equal(res.status, 200);
      seen.push(...res.body.map((a: { id: string }) => a.id));
      pages++;
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
      path = next === undefined ? undefined : next.replace(rig().url, "");
      assert.ok(pages < 5, "paging ends");
    }
    assert.equal(pages, 3);
    // Newest follow first, each exactly once.
    assert.deepEqual(seen, [...crowd].reverse());
    const prev = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${rig().fixtures.bob.id}/followers?min_id=${900000000000000000n + 40n}`,
      undefined,
    );
    assert.deepEqual(
      prev.body.map((a: { id: string }) => a.id),
      crowd.slice(41).reverse(),
    );
    const following = await call(rig(), "GET", `/api/v1/accounts/${crowd[0]}/following`, undefined);
    assert.deepEqual(
      following.body.map((a: { id: string }) => a.id),
      [rig().fixtures.bob.id],
    );
    const unknown = await call(rig(), "GET", "/api/v1/accounts/123/followers", undefined);
    assert.equal(unknown.status, 404);
  });

  test("hide_collections hides the lists from others, not from the owner", async () => {
    const { bob: b } = rig().fixtures;
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ hide_collections: true })
      .where("id", "=", b.id)
      .execute();
    try {
      const path = `/api/v1/accounts/${b.id}/followers`;
      assert.deepEqual((await call(rig(), "GET", path, undefined)).body, []);
      assert.deepEqual((await call(rig(), "GET", path, alice)).body, []);
      assert.equal((await call(rig(), "GET", path, bob)).body.length, 40);
    } finally {
      await rig()
        .ctx.db.updateTable("accounts")
        .set({ hide_collections: null })
        .where("id", "=", b.id)
        .execute();
    }
  });

  test("relationships for many ids cost as many queries as for one", async () => {
    const one = await countQueries(rig(), () =>
      call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${crowd[0]}`, alice),
    );
    const query = crowd
      .slice(0, 40)
      .map((id) => `id[]=${id}`)
      .join("&");
    let body: unknown[] = [];
    const many = await countQueries(rig(), async () => {
      body = (await call(rig(), "GET", `/api/v1/accounts/relationships?${query}`, alice)).body;
    });
    assert.equal(body.length, 40);
    assert.equal(many, one);
    const tooMany = await call(
      rig(),
      "GET",
      `/api/v1/accounts/relationships?${crowd.map((id) => `id[]=${id}`).join("&")}`,
      alice,
    );
    assert.equal(tooMany.status, 422);
  });

  test("relationships skip unknown ids, and suspended ones unless with_suspended", async () => {
    const gone = crowd[1] as string;
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: FIXED_TIME })
      .where("id", "=", gone)
      .execute();
    const ask = `id[]=${gone}&id[]=42&id[]=${rig().fixtures.bob.id}`;
    const plain = await call(rig(), "GET", `/api/v1/accounts/relationships?${ask}`, alice);
    assert.deepEqual(
      plain.body.map((r: { id: string }) => r.id),
      [rig().fixtures.bob.id],
    );
    const all = await call(
      rig(),
      "GET",
      `/api/v1/accounts/relationships?${ask}&with_suspended=true`,
      alice,
    );
    assert.deepEqual(
      all.body.map((r: { id: string }) => r.id),
      [gone, rig().fixtures.bob.id],
    );
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ suspended_at: null })
      .where("id", "=", gone)
      .execute();
  });

  test("a locked account: request, wrong user 404, reject, request again, authorize", async () => {
    const { alice: a, admin: ad } = rig().fixtures;
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ locked: true })
      .where("id", "=", a.id)
      .execute();
    const before = await counts(rig(), a.id);
    const asked = await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, admin, {
      notify: true,
    });
    assert.equal(asked.body.requested, true);
    assert.equal(asked.body.following, false);
    assert.equal(asked.body.notifying, true);

    const pending = await call(rig(), "GET", "/api/v1/follow_requests", alice);
    assert.deepEqual(
      pending.body.map((x: { id: string }) => x.id),
      [ad.id],
    );
    const seen = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${ad.id}`, alice);
    assert.equal(seen.body[0].requested_by, true);

    // Only the asked account may answer; anyone else finds nothing.
    for (const action of ["authorize", "reject"]) {
      const wrong = await call(rig(), "POST", `/api/v1/follow_requests/${ad.id}/${action}`, bob);
      assert.equal(wrong.status, 404, action);
    }
    const rejected = await call(rig(), "POST", `/api/v1/follow_requests/${ad.id}/reject`, alice);
    assert.equal(rejected.body.requested_by, false);
    assert.equal(rejected.body.followed_by, false);
    const twice = await call(rig(), "POST", `/api/v1/follow_requests/${ad.id}/reject`, alice);
    assert.equal(twice.status, 404);

    await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, admin, { reblogs: false });
    const ok = await call(rig(), "POST", `/api/v1/follow_requests/${ad.id}/authorize`, alice);
    assert.equal(ok.body.followed_by, true);
    assert.equal(ok.body.requested_by, false);
    const follower = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${a.id}`, admin);
    assert.equal(follower.body[0].following, true);
    assert.equal(follower.body[0].showing_reblogs, false, "the request's options carry over");
    assert.equal((await counts(rig(), a.id)).followers, before.followers + 1);
    assert.deepEqual((await call(rig(), "GET", "/api/v1/follow_requests", alice)).body, []);

    await call(rig(), "POST", `/api/v1/accounts/${a.id}/unfollow`, admin);
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ locked: false })
      .where("id", "=", a.id)
      .execute();
  });

  test("blocks list, newest first, with Link headers", async () => {
    for (const id of crowd.slice(0, 3)) {
      await call(rig(), "POST", `/api/v1/accounts/${id}/block`, alice);
    }
    const first = await call(rig(), "GET", "/api/v1/blocks?limit=2", alice);
    assert.deepEqual(
      first.body.map((x: { id: string }) => x.id),
      [crowd[2], crowd[1]],
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    const second = await call(rig(), "GET", next.replace(rig().url, ""), alice);
    assert.deepEqual(
      second.body.map((x: { id: string }) => x.id),
      [crowd[0]],
    );
    // Blocking a follower removes them from the followers of the blocked side's target.
    const bobFollowers = await counts(rig(), rig().fixtures.bob.id);
    await call(rig(), "POST", `/api/v1/accounts/${crowd[3]}/block`, bob);
    assert.equal(
      (await counts(rig(), rig().fixtures.bob.id)).followers,
      Math.max(0, bobFollowers.followers - 1),
    );
  });
});
