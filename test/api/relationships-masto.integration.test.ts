// Follow, relationships and unfollow as masto.js (Phanpy, Elk) drives them over real HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "relationships through masto.js",
  (rig) => {
    test("follow, relationships, followers, unfollow", async () => {
      const { alice, bob } = rig().fixtures;
      const client = masto(rig(), await createToken(rig().ctx, "alice", "read write follow"));
      const followed = await client.v1.accounts.$select(bob.id).follow({ reblogs: false });
      assert.equal(followed.id, bob.id);
      assert.equal(followed.following, true);
      assert.equal(followed.showingReblogs, false);

      const [rel] = await client.v1.accounts.relationships.fetch({ id: [bob.id] });
      assert.equal(rel?.following, true);
      assert.equal(rel?.followedBy, false);

      const followers = await client.v1.accounts.$select(bob.id).followers.list();
      assert.deepEqual(
        followers.map((a) => a.id),
        [alice.id],
      );
      const bobNow = await client.v1.accounts.$select(bob.id).fetch();
      assert.equal(bobNow.followersCount, 1);

      const unfollowed = await client.v1.accounts.$select(bob.id).unfollow();
      assert.equal(unfollowed.following, false);
      const [after] = await client.v1.accounts.relationships.fetch({ id: [bob.id] });
      assert.equal(after?.following, false);
    });
  },
  { listen: true },
);
