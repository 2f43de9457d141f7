// Hashtags, followed and featured tags as masto.js (Phanpy, Elk) drives them over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "hashtags through masto.js",
  (rig) => {
    test("fetch, follow, list followed, feature, suggestions, a profile's featured tags", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const anon = masto(rig());
      await bob.v1.statuses.create({ status: "#Gardening and #cooking" });
      await bob.v1.statuses.create({ status: "more #gardening" });

      const tag = await anon.v1.tags.$select("gardening").fetch();
      assert.equal(tag.name, "Gardening");
      assert.equal(tag.history?.[0]?.uses, "2");
      assert.equal(tag.following, undefined);

      const followed = await bob.v1.tags.$select("gardening").follow();
      assert.equal(followed.following, true);
      await bob.v1.tags.$select("Birds").follow();
      const all: string[] = [];
      for await (const page of bob.v1.followedTags.list({ limit: 1 }))
        all.push(...page.map((t) => t.name));
      assert.deepEqual(all, ["Birds", "Gardening"]);
      const unfollowed = await bob.v1.tags.$select("birds").unfollow();
      assert.equal(unfollowed.following, false);

      const suggestions = await bob.v1.featuredTags.suggestions.list();
      assert.deepEqual(
        suggestions.map((t) => t.name),
        ["Gardening", "cooking"],
      );
      const featured = await bob.v1.featuredTags.create({ name: "gardening" });
      assert.equal(featured.statusesCount, "2");
      const viaTag = await bob.v1.tags.$select("cooking").feature();
      assert.equal(viaTag.featuring, true);
      const profile = await anon.v1.accounts.$select(rig().fixtures.bob.id).featuredTags.list();
      assert.deepEqual(
        profile.map((f) => f.name),
        ["Gardening", "cooking"],
      );
      await bob.v1.featuredTags.$select(featured.id).remove();
      const unfeatured = await bob.v1.tags.$select("cooking").unfeature();
      assert.equal(unfeatured.featuring, false);
      assert.deepEqual(await bob.v1.featuredTags.list(), []);
    });
  },
  { listen: true },
);
