// Follow, unfollow, block, mute and notes: each rule tried once the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, counts } from "./relationships-kit.ts";

describeEachDatabase("relationships (actions)", (rig) => {
  let alice: string;
  let bob: string;
  let admin: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
  });
  const ids = () => rig().fixtures;

  test("every action enforces its token and scope", async () => {
    const target = ids().bob.id;
    for (const [action, scope] of [
      ["follow", "write:follows"],
      ["unfollow", "write:follows"],
      ["remove_from_followers", "write:follows"],
      ["block", "write:blocks"],
      ["unblock", "write:blocks"],
      ["mute", "write:mutes"],
      ["unmute", "write:mutes"],
      ["note", "write:accounts"],
    ] as const) {
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/accounts/${target}/${action}`,
        scope,
      });
    }
    // What assertAuthEnforced did must not linger for the tests below.
    await call(rig(), "POST", `/api/v1/accounts/${target}/unfollow`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${target}/unblock`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${target}/unmute`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${target}/note`, alice, { comment: "" });
  });

  test("follow, follow again with new options, unfollow: counts move once each way", async () => {
    const { alice: a, bob: b } = ids();
    const before = { a: await counts(rig(), a.id), b: await counts(rig(), b.id) };
    const first = await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice);
    assert.equal(first.status, 200);
    assert.equal(first.body.id, b.id);
    assert.equal(first.body.following, true);
    assert.equal(first.body.showing_reblogs, true);
    assert.equal(first.body.notifying, false);
    assert.equal(first.body.requested, false);
    assert.equal(first.body.domain_blocking, false);
    assert.equal(first.body.note, "");

    const again = await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice, {
      reblogs: false,
      notify: true,
      languages: ["en", "fr", "not-a-language"],
    });
    assert.equal(again.body.following, true);
    assert.equal(again.body.showing_reblogs, false);
    assert.equal(again.body.notifying, true);
    assert.deepEqual(again.body.languages, ["en", "fr"]);
    assert.deepEqual(await counts(rig(), a.id), { ...before.a, following: before.a.following + 1 });
    assert.deepEqual(await counts(rig(), b.id), { ...before.b, followers: before.b.followers + 1 });

    const seen = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${a.id}`, bob);
    assert.equal(seen.body[0].followed_by, true);
    assert.equal(seen.body[0].following, false);

    for (let i = 0; i < 2; i++) {
      const gone = await call(rig(), "POST", `/api/v1/accounts/${b.id}/unfollow`, alice);
      assert.equal(gone.status, 200);
      assert.equal(gone.body.following, false);
    }
    assert.deepEqual(await counts(rig(), a.id), before.a);
    assert.deepEqual(await counts(rig(), b.id), before.b);
  });

  test("following oneself, an unknown or malformed id is 404", async () => {
    for (const id of [ids().alice.id, "9999999999", "nope"]) {
      const res = await call(rig(), "POST", `/api/v1/accounts/${id}/follow`, alice);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, { error: "Record not found" });
    }
  });

  test("a block removes follows both ways and forbids following either way", async () => {
    const { alice: a, bob: b } = ids();
    const before = { a: await counts(rig(), a.id), b: await counts(rig(), b.id) };
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, bob);
    const blocked = await call(rig(), "POST", `/api/v1/accounts/${b.id}/block`, alice);
    assert.equal(blocked.body.blocking, true);
    assert.equal(blocked.body.following, false);
    assert.equal(blocked.body.followed_by, false);
    // Counts are back where they were: both follows gone, nothing below zero.
    assert.deepEqual(await counts(rig(), a.id), before.a);
    assert.deepEqual(await counts(rig(), b.id), before.b);
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/block`, alice); // idempotent

    const mine = await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice);
    assert.equal(mine.status, 403);
    assert.deepEqual(mine.body, { error: "This action is not allowed" });
    const theirs = await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, bob);
    assert.equal(theirs.status, 403);
    const view = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${a.id}`, bob);
    assert.equal(view.body[0].blocked_by, true);

    const unblocked = await call(rig(), "POST", `/api/v1/accounts/${b.id}/unblock`, alice);
    assert.equal(unblocked.body.blocking, false);
    assert.equal(unblocked.body.following, false, "a block's removed follows stay removed");
    assert.equal(
      (await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, alice)).body.following,
      true,
    );
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/unfollow`, alice);
  });

  test("counts never go negative, even when they drifted", async () => {
    const { admin: ad, bob: b } = ids();
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/follow`, admin);
    await rig()
      .ctx.db.updateTable("accounts")
      .set({ followers_count: 0, following_count: 0 })
      .where("id", "in", [ad.id, b.id])
      .execute();
    await call(rig(), "POST", `/api/v1/accounts/${b.id}/unfollow`, admin);
    assert.deepEqual(await counts(rig(), b.id), { followers: 0, following: 0 });
    assert.deepEqual(await counts(rig(), ad.id), { followers: 0, following: 0 });
  });

  test("blocking or muting oneself is 422", async () => {
    for (const action of ["block", "mute"]) {
      const res = await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/${action}`, alice);
      assert.equal(res.status, 422, action);
    }
  });

  test("a remote account is followed by request until its server accepts", async () => {
    const { carol } = ids();
    const res = await call(rig(), "POST", `/api/v1/accounts/${carol.id}/follow`, alice);
    assert.equal(res.body.following, false);
    assert.equal(res.body.requested, true);
    const withdrawn = await call(rig(), "POST", `/api/v1/accounts/${carol.id}/unfollow`, alice);
    assert.equal(withdrawn.body.requested, false);
  });

  test("mute with notifications and a duration that runs out on the clock", async () => {
    const { bob: b } = ids();
    const muted = await call(rig(), "POST", `/api/v1/accounts/${b.id}/mute`, alice, {
      notifications: false,
      duration: 3600,
    });
    assert.equal(muted.body.muting, true);
    assert.equal(muted.body.muting_notifications, false);
    const expires = new Date(rig().clock.now().getTime() + 3_600_000).toISOString();
    assert.equal(muted.body.muting_expires_at, expires);
    const list = await call(rig(), "GET", "/api/v1/mutes", alice);
    assert.equal(list.body[0].id, b.id);
    assert.equal(list.body[0].mute_expires_at, expires);

    const start = rig().clock.now();
    rig().clock.advance(3_600_001);
    try {
      const later = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${b.id}`, alice);
      assert.equal(later.body[0].muting, false);
      assert.deepEqual((await call(rig(), "GET", "/api/v1/mutes", alice)).body, []);
      // Muting again replaces the expired row.
      const forever = await call(rig(), "POST", `/api/v1/accounts/${b.id}/mute`, alice);
      assert.equal(forever.body.muting, true);
      assert.equal(forever.body.muting_notifications, true);
      assert.equal(forever.body.muting_expires_at, null);
    } finally {
      rig().clock.set(start);
    }
    const bad = await call(rig(), "POST", `/api/v1/accounts/${b.id}/mute`, alice, {
      duration: -5,
    });
    assert.equal(bad.status, 422);
    assert.equal(
      (await call(rig(), "POST", `/api/v1/accounts/${b.id}/unmute`, alice)).body.muting,
      false,
    );
  });

  test("a private note, its length limit and its removal", async () => {
    const { bob: b } = ids();
    const set = await call(rig(), "POST", `/api/v1/accounts/${b.id}/note`, alice, {
      comment: "met at the conference",
    });
    assert.equal(set.body.note, "met at the conference");
    // Bob never sees Alice's note on him.
    const other = await call(rig(), "GET", `/api/v1/accounts/relationships?id[]=${b.id}`, admin);
    assert.equal(other.body[0].note, "");
    const long = await call(rig(), "POST", `/api/v1/accounts/${b.id}/note`, alice, {
      comment: "x".repeat(2001),
    });
    assert.equal(long.status, 422);
    const cleared = await call(rig(), "POST", `/api/v1/accounts/${b.id}/note`, alice, {
      comment: "",
    });
    assert.equal(cleared.body.note, "");
  });

  test("remove_from_followers ends their follow of me", async () => {
    const { alice: a, bob: b } = ids();
    await call(rig(), "POST", `/api/v1/accounts/${a.id}/follow`, bob);
    const res = await call(rig(), "POST", `/api/v1/accounts/${b.id}/remove_from_followers`, alice);
    assert.equal(res.body.followed_by, false);
    assert.equal((await counts(rig(), a.id)).followers, 0);
  });
});
