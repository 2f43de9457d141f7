// Favourite, bookmark and list them as masto.js (Phanpy, Elk) drives it over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "favourites and bookmarks through masto.js",
  (rig) => {
    test("favourite, bookmark, list favourites and bookmarks, pin", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const first = await bob.v1.statuses.create({ status: "one" });
      const second = await bob.v1.statuses.create({ status: "two" });
      const faved = await alice.v1.statuses.$select(first.id).favourite();
      assert.equal(faved.favourited, true);
      assert.equal(faved.favouritesCount, 1);
      await alice.v1.statuses.$select(second.id).favourite();
      const marked = await alice.v1.statuses.$select(first.id).bookmark();
      assert.equal(marked.bookmarked, true);

      const favourites = await alice.v1.favourites.list({ limit: 1 });
      assert.deepEqual(
        favourites.map((s) => s.id),
        [second.id],
      );
      const all: string[] = [];
      for await (const page of alice.v1.favourites.list({ limit: 1 }))
        all.push(...page.map((s) => s.id));
      assert.deepEqual(all, [second.id, first.id]);
      const bookmarks = await alice.v1.bookmarks.list();
      assert.deepEqual(
        bookmarks.map((s) => s.id),
        [first.id],
      );
      const by = await bob.v1.statuses.$select(first.id).favouritedBy.list();
      assert.deepEqual(
        by.map((a) => a.id),
        [rig().fixtures.alice.id],
      );
      const pinned = await bob.v1.statuses.$select(second.id).pin();
      assert.equal(pinned.pinned, true);
      const profile = await alice.v1.accounts
        .$select(rig().fixtures.bob.id)
        .statuses.list({ pinned: true });
      assert.deepEqual(
        profile.map((s) => s.id),
        [second.id],
      );
      const undone = await alice.v1.statuses.$select(first.id).unfavourite();
      assert.equal(undone.favourited, false);
      assert.equal(undone.favouritesCount, 0);
    });
  },
  { listen: true },
);
