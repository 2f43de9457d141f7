// Followed hashtags in home: a public post with a hashtag the reader follows reaches their home
// even from someone they do not follow; quieter posts, muted authors and boosts do not.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";

describeEachDatabase("followed hashtags in home", (rig) => {
  let alice = "";
  let bob = "";
  let admin = "";
  const homeIds = async (token: string): Promise<string[]> => {
    const res = await call(rig(), "GET", "/api/v1/timelines/home", token);
    assert.equal(res.status, 200);
    return res.body.map((s: Json) => s.id);
  };

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    admin = await createToken(rig().ctx, "admin");
    const followed = await call(rig(), "POST", "/api/v1/tags/cats/follow", bob);
    assert.equal(followed.status, 200);
  });

  test("a public post with a followed tag reaches the reader's home, once", async () => {
    const stranger = await post(rig(), admin, { status: "look #Cats" });
    const quiet = await post(rig(), admin, { status: "#cats, quietly", visibility: "unlisted" });
    const other = await post(rig(), admin, { status: "#dogs only" });
    await runDueJobs(rig().ctx);
    const ids = await homeIds(bob);
    assert.ok(ids.includes(stranger.id));
    assert.ok(!ids.includes(quiet.id));
    assert.ok(!ids.includes(other.id));
    // Followed both ways (the author and the tag): one entry.
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/follow`, bob);
    await runDueJobs(rig().ctx);
    const both = await post(rig(), alice, { status: "#cats from a friend" });
    await runDueJobs(rig().ctx);
    const again = await homeIds(bob);
    assert.equal(again.filter((id) => id === both.id).length, 1);
  });

  test("a muted author's or a boost of a tagged post does not come in by the tag", async () => {
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.admin.id}/mute`, bob);
    const muted = await post(rig(), admin, { status: "more #cats" });
    await runDueJobs(rig().ctx);
    assert.ok(!(await homeIds(bob)).includes(muted.id));
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.admin.id}/unmute`, bob);
    // A boost by someone bob does not follow, of a tagged post: not delivered by the tag.
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/unfollow`, bob);
    const original = await post(rig(), alice, { status: "old #cats" });
    await runDueJobs(rig().ctx);
    const boost = await call(rig(), "POST", `/api/v1/statuses/${original.id}/reblog`, admin);
    await runDueJobs(rig().ctx);
    assert.ok(!(await homeIds(bob)).includes(boost.body.id));
  });
});
