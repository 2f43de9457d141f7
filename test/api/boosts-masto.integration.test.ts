// Boost, unboost, list boosters and mute a thread as masto.js (Phanpy, Elk) drives it over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "boosts and conversation mutes through masto.js",
  (rig) => {
    test("reblog, rebloggedBy, account statuses, unreblog, mute and unmute", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const original = await bob.v1.statuses.create({ status: "boost this" });

      const boost = await alice.v1.statuses.$select(original.id).reblog({ visibility: "unlisted" });
      assert.notEqual(boost.id, original.id);
      assert.equal(boost.visibility, "unlisted");
      assert.equal(boost.reblog?.id, original.id);
      assert.equal(boost.reblog?.reblogged, true);
      assert.equal(boost.reblog?.reblogsCount, 1);

      const by = await bob.v1.statuses.$select(original.id).rebloggedBy.list();
      assert.deepEqual(
        by.map((a) => a.id),
        [rig().fixtures.alice.id],
      );
      const profile = await bob.v1.accounts.$select(rig().fixtures.alice.id).statuses.list();
      assert.equal(profile[0]?.id, boost.id);
      assert.equal(profile[0]?.reblog?.id, original.id);
      const noBoosts = await bob.v1.accounts
        .$select(rig().fixtures.alice.id)
        .statuses.list({ excludeReblogs: true });
      assert.ok(noBoosts.every((s) => s.reblog === null));
      const fetched = await bob.v1.statuses.$select(boost.id).fetch();
      assert.equal(fetched.reblog?.id, original.id);

      const undone = await alice.v1.statuses.$select(original.id).unreblog();
      assert.equal(undone.id, original.id);
      assert.equal(undone.reblogged, false);
      assert.equal(undone.reblogsCount, 0);

      const muted = await bob.v1.statuses.$select(original.id).mute();
      assert.equal(muted.muted, true);
      const unmuted = await bob.v1.statuses.$select(original.id).unmute();
      assert.equal(unmuted.muted, false);
    });
  },
  { listen: true },
);
