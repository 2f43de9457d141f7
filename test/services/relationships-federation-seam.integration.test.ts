// The seam the federation issue will use: relationship services called with any actor (the
// inbox passes a remote one) say which activity a remote account must receive; nothing is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { authorizeFollowRequest } from "../../src/services/relationships/authorize-follow-request.ts";
import { block } from "../../src/services/relationships/block.ts";
import { follow } from "../../src/services/relationships/follow.ts";
import { unfollow } from "../../src/services/relationships/unfollow.ts";
import { describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("relationship services: federation seam", (rig) => {
  test("local to remote: the activity to deliver is named", async () => {
    const { ctx, fixtures } = rig();
    const { alice, bob, carol } = fixtures;
    assert.deepEqual(await follow(ctx, alice.id, carol.id), {
      type: "ok",
      federate: { activity: "Follow", remoteAccountId: carol.id },
    });
    // carol's server accepts: the inbox authorizes as carol; nothing to send back.
    assert.deepEqual(await authorizeFollowRequest(ctx, carol.id, alice.id), {
      type: "ok",
      federate: null,
    });
    assert.deepEqual(await unfollow(ctx, alice.id, carol.id), {
      type: "ok",
      federate: { activity: "Undo Follow", remoteAccountId: carol.id },
    });
    assert.deepEqual(await follow(ctx, alice.id, bob.id), { type: "ok", federate: null });
    await unfollow(ctx, alice.id, bob.id);
  });

  test("remote to local: an unlocked account accepts at once, with the Follow's uri kept", async () => {
    const { ctx, fixtures } = rig();
    const { alice, carol } = fixtures;
    const uri = "https://remote.test/follows/1";
    assert.deepEqual(await follow(ctx, carol.id, alice.id, { uri }), {
      type: "ok",
      federate: { activity: "Accept Follow", remoteAccountId: carol.id },
    });
    const row = await ctx.db
      .selectFrom("follows")
      .select("uri")
      .where("account_id", "=", carol.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.uri, uri);
    assert.deepEqual(await block(ctx, alice.id, carol.id), {
      type: "ok",
      federate: { activity: "Block", remoteAccountId: carol.id },
    });
    assert.equal(
      (await ctx.db.selectFrom("follows").selectAll().where("account_id", "=", carol.id).execute())
        .length,
      0,
    );
  });
});
