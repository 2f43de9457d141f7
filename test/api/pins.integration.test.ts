// Pins: POST /api/v1/statuses/:id/{pin,unpin} and GET /api/v1/accounts/:id/statuses?pinned=true
// — one's own public or unlisted posts only, five at most, each rule tried once the wrong way.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertAuthEnforced, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);

describeEachDatabase("pins", (rig) => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
  });
  const pinned = (token: string | undefined) =>
    call(rig(), "GET", `/api/v1/accounts/${rig().fixtures.alice.id}/statuses?pinned=true`, token);

  test("each endpoint enforces its token and scope", async () => {
    const s = await post(rig(), alice, { status: "auth" });
    for (const action of ["pin", "unpin"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/statuses/${s.id}/${action}`,
        scope: "write:accounts",
      });
    await call(rig(), "POST", `/api/v1/statuses/${s.id}/unpin`, alice);
  });

  test("pin: flag on one's own post, listed on the profile, then unpinned", async () => {
    const s = await post(rig(), alice, { status: "featured", visibility: "unlisted" });
    const res = await call(rig(), "POST", `/api/v1/statuses/${s.id}/pin`, alice);
    assert.equal(res.status, 200);
    assert.equal(res.body.pinned, true);
    assert.equal((await call(rig(), "POST", `/api/v1/statuses/${s.id}/pin`, alice)).status, 200);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${s.id}`, alice)).body.pinned, true);
    // Another viewer sees no `pinned` key (not theirs to pin), but the profile lists it.
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob)).body.pinned,
      undefined,
    );
    assert.deepEqual(idsOf((await pinned(undefined)).body), [s.id]);
    assert.deepEqual(idsOf((await pinned(bob)).body), [s.id]);
    const own = await call(
      rig(),
      "GET",
      `/api/v1/accounts/${rig().fixtures.alice.id}/statuses?limit=1`,
      alice,
    );
    assert.equal(own.body[0].pinned, true);

    const undone = await call(rig(), "POST", `/api/v1/statuses/${s.id}/unpin`, alice);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.pinned, false);
    assert.equal((await call(rig(), "POST", `/api/v1/statuses/${s.id}/unpin`, alice)).status, 200);
    assert.deepEqual((await pinned(alice)).body, []);
  });

  test("someone else's, private and direct posts cannot be pinned; invisible is a 404", async () => {
    const theirs = await post(rig(), bob, { status: "bob's" });
    const refused = await call(rig(), "POST", `/api/v1/statuses/${theirs.id}/pin`, alice);
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body, {
      error: "Validation failed: Someone else's post cannot be pinned",
    });
    const priv = await post(rig(), alice, { status: "private", visibility: "private" });
    const p = await call(rig(), "POST", `/api/v1/statuses/${priv.id}/pin`, alice);
    assert.equal(p.status, 422);
    assert.deepEqual(p.body, { error: "Validation failed: Non-public post cannot be pinned" });
    const direct = await post(rig(), alice, { status: "direct", visibility: "direct" });
    const d = await call(rig(), "POST", `/api/v1/statuses/${direct.id}/pin`, alice);
    assert.equal(d.status, 422);
    assert.match(d.body.error, /^Validation failed: /);
    const hidden = await post(rig(), bob, { status: "hidden", visibility: "private" });
    assert.equal(
      (await call(rig(), "POST", `/api/v1/statuses/${hidden.id}/pin`, alice)).status,
      404,
    );
    assert.equal((await call(rig(), "POST", "/api/v1/statuses/424242/pin", alice)).status, 404);
    assert.deepEqual((await pinned(alice)).body, []);
  });

  test("five pins at most; a private pin is hidden from those who cannot see it", async () => {
    const posts: string[] = [];
    for (let i = 0; i < 6; i++) posts.push((await post(rig(), alice, { status: `pin ${i}` })).id);
    for (const id of posts.slice(0, 5))
      assert.equal((await call(rig(), "POST", `/api/v1/statuses/${id}/pin`, alice)).status, 200);
    const sixth = await call(rig(), "POST", `/api/v1/statuses/${posts[5]}/pin`, alice);
    assert.equal(sixth.status, 422);
    assert.deepEqual(sixth.body, {
      error: "Validation failed: You have already pinned the maximum number of posts",
    });
    // Pinning one already pinned is not a sixth.
    assert.equal(
      (await call(rig(), "POST", `/api/v1/statuses/${posts[0]}/pin`, alice)).status,
      200,
    );
    assert.deepEqual(idsOf((await pinned(bob)).body), posts.slice(0, 5).reverse());
    // A deleted pinned post frees its place and leaves the list.
    await call(rig(), "DELETE", `/api/v1/statuses/${posts[0]}`, alice);
    assert.equal(idsOf((await pinned(bob)).body).length, 4);
    assert.equal(
      (await call(rig(), "POST", `/api/v1/statuses/${posts[5]}/pin`, alice)).status,
      200,
    );
    assert.equal(idsOf((await pinned(undefined)).body)[0], posts[5]);
  });
});
