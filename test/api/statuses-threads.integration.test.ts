// Thread context and an account's statuses: visibility, mutes, filters, pagination, and
// the fixed number of queries a page costs.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);

describeEachDatabase("statuses: context and account statuses", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });
  const ids = () => rig().fixtures;

  test("context: ancestors root first, descendants depth first, hidden and muted left out", async () => {
    const root = await post(rig(), alice, { status: "root" });
    const a = await post(rig(), bob, { status: "a", in_reply_to_id: root.id });
    const b = await post(rig(), alice, { status: "b", in_reply_to_id: root.id });
    const a1 = await post(rig(), alice, { status: "a1", in_reply_to_id: a.id });
    const priv = await post(rig(), alice, {
      status: "private @admin",
      visibility: "private",
      in_reply_to_id: b.id,
    });
    const underPriv = await post(rig(), admin, { status: "under", in_reply_to_id: priv.id });

    const ctx = await call(rig(), "GET", `/api/v1/statuses/${a1.id}/context`, undefined);
    assert.equal(ctx.status, 200);
    assert.deepEqual(idsOf(ctx.body.ancestors), [root.id, a.id]);
    assert.deepEqual(idsOf(ctx.body.descendants), []);

    // The private reply is hidden from anonymous viewers; the public reply under it is not.
    const anon = await call(rig(), "GET", `/api/v1/statuses/${root.id}/context`, undefined);
    assert.deepEqual(idsOf(anon.body.descendants), [a.id, a1.id, b.id, underPriv.id]);
    const own = await call(rig(), "GET", `/api/v1/statuses/${root.id}/context`, alice);
    assert.deepEqual(idsOf(own.body.descendants), [a.id, a1.id, b.id, priv.id, underPriv.id]);

    // Bob mutes admin: admin's reply leaves bob's view of the thread.
    await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/mute`, bob);
    const muted = await call(rig(), "GET", `/api/v1/statuses/${root.id}/context`, bob);
    assert.deepEqual(idsOf(muted.body.descendants), [a.id, a1.id, b.id]);
    await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/unmute`, bob);

    // Blocking the author hides the whole context (the status itself is invisible).
    await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/block`, bob);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${root.id}/context`, bob)).status,
      404,
    );
    const fromA = await call(rig(), "GET", `/api/v1/statuses/${a.id}/context`, bob);
    assert.deepEqual(idsOf(fromA.body.ancestors), []);
    assert.deepEqual(idsOf(fromA.body.descendants), []);
    await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/unblock`, bob);
    assert.equal(
      (await call(rig(), "GET", "/api/v1/statuses/99999/context", undefined)).status,
      404,
    );
  });

  test("account statuses: what the viewer may see, filters, Link pagination", async () => {
    const { carol } = ids();
    // A fresh author keeps the expectations independent of the other tests.
    const token = await createToken(rig().ctx, "admin");
    const adminId = ids().admin.id;
    const own = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses?limit=40`, token);
    const already = own.body.length;
    const p1 = await post(rig(), token, { status: "one #Cats" });
    const p2 = await post(rig(), token, { status: "two", visibility: "private" });
    const p3 = await post(rig(), token, { status: "three", in_reply_to_id: p1.id });
    const other = await post(rig(), alice, { status: "alice's" });
    const p4 = await post(rig(), token, { status: "reply to alice", in_reply_to_id: other.id });

    const anon = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses`, undefined);
    assert.equal(anon.status, 200);
    assert.deepEqual(idsOf(anon.body).slice(0, 3), [p4.id, p3.id, p1.id]);
    const mine = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses`, token);
    assert.deepEqual(idsOf(mine.body).slice(0, 4), [p4.id, p3.id, p2.id, p1.id]);

    const noReplies = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${adminId}/statuses?exclude_replies=true`,
      token,
    );
    // Replies to oneself stay (threads); replies to others go.
    assert.deepEqual(idsOf(noReplies.body).slice(0, 3), [p3.id, p2.id, p1.id]);
    const tagged = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${adminId}/statuses?tagged=cats`,
      bob,
    );
    assert.deepEqual(idsOf(tagged.body), [p1.id]);
    for (const q of ["only_media=true", "pinned=true"]) {
      const empty = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses?${q}`, bob);
      assert.deepEqual(empty.body, []);
    }
    const excludeReblogs = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${adminId}/statuses?exclude_reblogs=true&pinned=false`,
      bob,
    );
    assert.equal(excludeReblogs.body.length, already + 3);

    const first = await call(rig(), "GET", `/api/v1/accounts/${adminId}/statuses?limit=2`, token);
    assert.deepEqual(idsOf(first.body), [p4.id, p3.id]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    assert.ok(next);
    const second = await call(rig(), "GET", new URL(next).pathname + new URL(next).search, token);
    assert.deepEqual(idsOf(second.body), [p2.id, p1.id]);

    assert.equal(
      (await call(rig(), "GET", "/api/v1/accounts/12345/statuses", undefined)).status,
      404,
    );
    const remote = await call(rig(), "GET", `/api/v1/accounts/${carol.id}/statuses`, undefined);
    assert.deepEqual(remote.body, []);
  });

  test("a page costs the same number of queries for 2 statuses as for 20", async () => {
    for (let i = 0; i < 20; i++)
      await post(rig(), bob, { status: `post ${i} @alice @carol@remote.test #n${i}` });
    const bobId = ids().bob.id;
    const cost = (limit: number) =>
      countQueries(rig(), () =>
        call(rig(), "GET", `/api/v1/accounts/${bobId}/statuses?limit=${limit}`, alice),
      );
    const small = await cost(2);
    const large = await cost(20);
    assert.equal(large, small);
    // Token, account, page, then hydration: authors, roles, mentions, tags, apps, media,
    // the viewer's marks and filters — a fixed set, whatever the page size.
    assert.ok(large <= 12, `${large} queries`);
    const list = await call(rig(), "GET", `/api/v1/accounts/${bobId}/statuses?limit=20`, alice);
    const many = idsOf(list.body)
      .map((id: string) => `id[]=${id}`)
      .join("&");
    const few = idsOf(list.body)
      .slice(0, 2)
      .map((id: string) => `id[]=${id}`)
      .join("&");
    assert.equal(
      await countQueries(rig(), () => call(rig(), "GET", `/api/v1/statuses?${many}`, alice)),
      await countQueries(rig(), () => call(rig(), "GET", `/api/v1/statuses?${few}`, alice)),
    );
  });
});
