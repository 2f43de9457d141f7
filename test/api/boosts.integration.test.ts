// Boosts: POST /api/v1/statuses/:id/{reblog,unreblog} and what deleting does to boosts — each
// rule tried the wrong way, every body checked against the spec. Reads of boosts:
// boosts-reads.integration.test.ts.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { reblog } from "../../src/services/interactions/reblog.ts";
import { unreblog } from "../../src/services/interactions/unreblog.ts";
import { deleteStatus } from "../../src/services/statuses/delete-status.ts";
import { assertAuthEnforced, createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { accountCounts, call, type Json, post } from "./statuses-kit.ts";

const idsOf = (list: Json[]) => list.map((s: { id: string }) => s.id);

async function row(rig: Rig, id: string) {
  return rig.ctx.db
    .selectFrom("statuses")
    .select(["reblogs_count", "deleted_at", "reblog_of_id", "visibility", "conversation_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}
const reblogsCount = async (rig: Rig, id: string) => Number((await row(rig, id)).reblogs_count);

describeEachDatabase("boosts", (rig) => {
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
  // Answers the spec does not document, though Mastodon gives them: its 403 for a post one may
  // see but not boost (StatusPolicy#reblog?), and a 422 without the registration-only `details`.
  const raw = (method: string, path: string, token: string, body?: unknown) =>
    rig().send<Json>(method, path, body, { headers: { authorization: `Bearer ${token}` } });
  const refusedBoost = (token: string, id: string, body?: unknown) =>
    raw("POST", `/api/v1/statuses/${id}/reblog`, token, body);
  const unboost = (token: string, id: string) =>
    call(rig(), "POST", `/api/v1/statuses/${id}/unreblog`, token);

  test("each endpoint enforces its token and scope", async () => {
    const s = await post(rig(), bob, { status: "auth" });
    for (const action of ["reblog", "unreblog"])
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: `/api/v1/statuses/${s.id}/${action}`,
        scope: "write:statuses",
      });
    const wrong = await raw(
      "GET",
      `/api/v1/statuses/${s.id}/reblogged_by`,
      await createToken(rig().ctx, "alice", "push"),
    );
    assert.equal(wrong.status, 403);
  });

  test("boost: the wrapper nests the original; counted once, however often", async () => {
    const before = await accountCounts(rig(), aliceId);
    const s = await post(rig(), bob, { status: "boost me" });
    const first = await boost(alice, s.id);
    assert.equal(first.status, 200);
    const wrapper = first.body;
    assert.notEqual(wrapper.id, s.id);
    assert.equal(wrapper.account.id, aliceId);
    assert.equal(wrapper.content, "");
    assert.equal(wrapper.visibility, "public");
    assert.equal(wrapper.reblog.id, s.id);
    assert.equal(wrapper.reblog.account.id, bobId);
    assert.equal(wrapper.reblog.reblogged, true);
    assert.equal(wrapper.reblog.reblogs_count, 1);
    assert.equal(wrapper.reblog.content, s.content);
    assert.ok(wrapper.uri.endsWith(`/ap/statuses/${wrapper.id}/activity`));
    // Mastodon counts boosts in statuses_count, and they are the latest activity.
    const after = await accountCounts(rig(), aliceId);
    assert.equal(after.statuses, before.statuses + 1);
    assert.ok(after.lastStatusAt !== null);
    assert.equal((await row(rig(), wrapper.id)).conversation_id, null);

    // Again, and through the boost's own id: the same boost, nothing moves.
    const again = await boost(alice, s.id);
    assert.equal(again.body.id, wrapper.id);
    const viaBoost = await boost(alice, wrapper.id);
    assert.equal(viaBoost.body.id, wrapper.id);
    assert.equal(viaBoost.body.reblog.id, s.id);
    assert.equal(await reblogsCount(rig(), s.id), 1);
    assert.equal((await accountCounts(rig(), aliceId)).statuses, before.statuses + 1);
    // Boosting someone's boost boosts the original.
    const second = await boost(admin, wrapper.id);
    assert.equal(second.body.reblog.id, s.id);
    assert.equal(await reblogsCount(rig(), s.id), 2);

    // The flag is per viewer, on the original wherever it shows.
    const asAlice = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, alice);
    assert.equal(asAlice.body.reblogged, true);
    assert.equal(asAlice.body.reblogs_count, 2);
    const asBob = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob);
    assert.equal(asBob.body.reblogged, false);
    const anon = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, undefined);
    assert.equal(anon.body.reblogged, undefined);
  });

  test("visibility: public, unlisted or private; direct and nonsense are refused", async () => {
    const s = await post(rig(), bob, { status: "quietly" });
    for (const visibility of ["direct", "nonsense"]) {
      const res = await refusedBoost(admin, s.id, { visibility });
      assert.equal(res.status, 422);
      assert.match(res.body.error, /Visibility/);
    }
    assert.equal(await reblogsCount(rig(), s.id), 0);
    const unlisted = await boost(admin, s.id, { visibility: "unlisted" });
    assert.equal(unlisted.status, 200);
    assert.equal(unlisted.body.visibility, "unlisted");
    const t = await post(rig(), bob, { status: "to followers" });
    const priv = await boost(admin, t.id, { visibility: "private" });
    assert.equal(priv.body.visibility, "private");
    // A private boost is for the booster's followers: strangers do not see it.
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${priv.body.id}`, undefined)).status,
      404,
    );
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${priv.body.id}`, admin)).status, 200);
  });

  test("private posts: only a self-boost, which stays private; direct posts never", async () => {
    // alice follows bob, so she sees his private post but may not boost it.
    await call(rig(), "POST", `/api/v1/accounts/${bobId}/follow`, alice);
    const priv = await post(rig(), bob, { status: "followers only", visibility: "private" });
    const follower = await refusedBoost(alice, priv.id);
    assert.equal(follower.status, 403);
    assert.deepEqual(follower.body, { error: "This action is not allowed" });
    // A stranger cannot even see it.
    assert.equal((await boost(admin, priv.id)).status, 404);
    const own = await boost(bob, priv.id, { visibility: "public" });
    assert.equal(own.status, 200);
    assert.equal(own.body.visibility, "private");
    assert.equal(own.body.reblog.id, priv.id);
    // Followers see the self-boost; strangers and anonymous do not.
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${own.body.id}`, alice)).status, 200);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${own.body.id}`, admin)).status, 404);

    const dm = await post(rig(), bob, { status: "@alice psst", visibility: "direct" });
    const mentioned = await refusedBoost(alice, dm.id);
    assert.equal(mentioned.status, 403);
    assert.equal((await refusedBoost(bob, dm.id)).status, 403);
    assert.equal(await reblogsCount(rig(), dm.id), 0);
    assert.equal(await reblogsCount(rig(), priv.id), 1);
    await call(rig(), "POST", `/api/v1/accounts/${bobId}/unfollow`, alice);
  });

  test("unknown, deleted, hidden or blocked: a 404, nothing boosted", async () => {
    for (const id of ["123456", "abc"]) {
      const res = await boost(alice, id);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "Record not found" });
      assert.equal((await unboost(alice, id)).status, 404);
    }
    const gone = await post(rig(), bob, { status: "soon gone" });
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, bob);
    assert.equal((await boost(alice, gone.id)).status, 404);
    // A block, either way, hides the post.
    const s = await post(rig(), bob, { status: "no boosts from you" });
    await call(rig(), "POST", `/api/v1/accounts/${aliceId}/block`, bob);
    assert.equal((await boost(alice, s.id)).status, 404);
    await call(rig(), "POST", `/api/v1/accounts/${aliceId}/unblock`, bob);
    await call(rig(), "POST", `/api/v1/accounts/${bobId}/block`, alice);
    assert.equal((await boost(alice, s.id)).status, 404);
    await call(rig(), "POST", `/api/v1/accounts/${bobId}/unblock`, alice);
    assert.equal(await reblogsCount(rig(), s.id), 0);
  });

  test("unreblog: the original, reblogged false; counts move back once", async () => {
    const before = await accountCounts(rig(), aliceId);
    const s = await post(rig(), bob, { status: "undo me" });
    const b = (await boost(alice, s.id)).body;
    const undone = await unboost(alice, s.id);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.id, s.id);
    assert.equal(undone.body.reblog, null);
    assert.equal(undone.body.reblogged, false);
    assert.equal(undone.body.reblogs_count, 0);
    assert.ok((await row(rig(), b.id)).deleted_at !== null);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${b.id}`, alice)).status, 404);
    assert.equal((await accountCounts(rig(), aliceId)).statuses, before.statuses);
    // Twice, or never boosted: nothing moves, never below zero.
    const twice = await unboost(alice, s.id);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.reblogs_count, 0);
    assert.equal((await unboost(admin, s.id)).body.reblogged, false);
    assert.equal(await reblogsCount(rig(), s.id), 0);
    assert.equal((await accountCounts(rig(), aliceId)).statuses, before.statuses);
    // Unboosting through the boost's id works too, and one can boost again afterwards.
    const again = (await boost(alice, s.id)).body;
    assert.notEqual(again.id, b.id);
    assert.equal((await unboost(alice, again.id)).body.id, s.id);
    assert.equal(await reblogsCount(rig(), s.id), 0);
  });

  test("federation seam: Announce and Undo Announce, once", async () => {
    const s = await post(rig(), bob, { status: "federate" });
    const ctx = rig().ctx;
    const first = await reblog(ctx, aliceId, s.id, { visibility: "unlisted" });
    assert.equal(first.type, "ok");
    if (first.type !== "ok") return;
    assert.deepEqual(first.federate, {
      activity: "Announce",
      actorId: aliceId,
      boostId: first.boost.id,
      statusId: s.id,
      statusAccountId: bobId,
      visibility: "unlisted",
    });
    const again = await reblog(ctx, aliceId, s.id);
    assert.equal(again.type === "ok" && again.federate, null);
    const undone = await unreblog(ctx, aliceId, s.id);
    assert.equal(undone.type === "ok" && undone.federate?.activity, "Undo Announce");
    assert.equal(undone.type === "ok" && undone.federate?.boostId, first.boost.id);
    const twice = await unreblog(ctx, aliceId, s.id);
    assert.equal(twice.type === "ok" && twice.federate, null);
    // Deleting one's boost directly withdraws the Announce too.
    const other = await reblog(ctx, aliceId, s.id);
    if (other.type !== "ok") throw new Error("boost failed");
    const deleted = await deleteStatus(ctx, aliceId, other.boost.id);
    assert.equal(deleted.type === "ok" && deleted.federate?.activity, "Undo Announce");
    assert.equal(await reblogsCount(rig(), s.id), 0);
  });

  test("deleting the original deletes its boosts; deleting a boost gives its count back", async () => {
    const aliceBefore = (await accountCounts(rig(), aliceId)).statuses;
    const adminBefore = (await accountCounts(rig(), adminId)).statuses;
    const s = await post(rig(), bob, { status: "short-lived" });
    const a = (await boost(alice, s.id)).body;
    const b = (await boost(admin, s.id)).body;
    assert.equal(await reblogsCount(rig(), s.id), 2);
    const removed = await call(rig(), "DELETE", `/api/v1/statuses/${b.id}`, admin);
    assert.equal(removed.status, 200);
    assert.equal(await reblogsCount(rig(), s.id), 1);
    assert.equal((await accountCounts(rig(), adminId)).statuses, adminBefore);
    // Someone else's boost is not theirs to delete.
    assert.equal((await call(rig(), "DELETE", `/api/v1/statuses/${a.id}`, bob)).status, 404);

    await call(rig(), "DELETE", `/api/v1/statuses/${s.id}`, bob);
    assert.ok((await row(rig(), a.id)).deleted_at !== null);
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${a.id}`, alice)).status, 404);
    assert.equal((await accountCounts(rig(), aliceId)).statuses, aliceBefore);
    const listed = await call(rig(), "GET", `/api/v1/accounts/${aliceId}/statuses`, alice);
    assert.ok(!idsOf(listed.body).includes(a.id));
  });

  test("one's boost of a post that became hidden can still be deleted", async () => {
    const s = await post(rig(), bob, { status: "then a block" });
    const b = (await boost(alice, s.id)).body;
    await call(rig(), "POST", `/api/v1/accounts/${aliceId}/block`, bob);
    const removed = await call(rig(), "DELETE", `/api/v1/statuses/${b.id}`, alice);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.id, b.id);
    assert.equal(removed.body.reblog, null);
    assert.equal(await reblogsCount(rig(), s.id), 0);
    await call(rig(), "POST", `/api/v1/accounts/${aliceId}/unblock`, bob);
  });

  test("a reply to a boost answers the original; a boost cannot be pinned", async () => {
    const s = await post(rig(), bob, { status: "thread root" });
    const b = (await boost(alice, s.id)).body;
    const reply = await post(rig(), admin, { status: "answer", in_reply_to_id: b.id });
    assert.equal(reply.in_reply_to_id, s.id);
    assert.equal(reply.in_reply_to_account_id, bobId);
    const root = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob);
    assert.equal(root.body.replies_count, 1);
    const pin = await call(rig(), "POST", `/api/v1/statuses/${b.id}/pin`, alice);
    assert.equal(pin.status, 422);
  });
});
