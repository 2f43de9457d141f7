// Search, the directory, suggestions and trends as masto.js (Phanpy, Elk) drives them over
// real HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ensureRecurringJobs, runDueJobs } from "../../src/jobs/worker.ts";
import { reviewTrend } from "../../src/services/trends/review-trend.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "search and discovery through masto.js",
  (rig) => {
    test("search accounts, hashtags and statuses; accounts/search", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const mine = await alice.v1.statuses.create({ status: "Marmalade sandwiches #Marmalade" });
      const found = await alice.v2.search.list({ q: "marmalade" });
      assert.deepEqual(
        found.statuses.map((s) => s.id),
        [mine.id],
      );
      assert.deepEqual(
        found.hashtags.map((t) => t.name),
        ["Marmalade"],
      );
      const strangers = await bob.v2.search.list({ q: "marmalade", type: "statuses" });
      assert.deepEqual(strangers.statuses, []);
      const people = await bob.v2.search.list({ q: "alice", type: "accounts", limit: 5 });
      assert.equal(people.accounts[0]?.id, rig().fixtures.alice.id);
      const viaV1 = await bob.v1.accounts.search.list({ q: "ali" });
      assert.equal(viaV1[0]?.acct, "alice");
    });

    test("directory, suggestions and dismissing one", async () => {
      const f = rig().fixtures;
      await rig()
        .ctx.db.updateTable("accounts")
        .set({ discoverable: true, followers_count: 3 })
        .where("id", "in", [f.alice.id, f.admin.id])
        .execute();
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const directory = await bob.v1.directory.list({ order: "new", local: true });
      assert.deepEqual(
        directory.map((a) => a.id),
        [f.alice.id, f.admin.id],
      );
      const suggestions = await bob.v2.suggestions.list();
      assert.deepEqual(
        suggestions.map((s) => [s.account.id, s.sources]),
        [
          [f.admin.id, ["most_followed"]],
          [f.alice.id, ["most_followed"]],
        ],
      );
      // masto.js types this method as taking a string; Mastodon's endpoint takes no body.
      const suggestion = bob.v1.suggestions.$select(f.admin.id) as unknown as {
        remove(): Promise<void>;
      };
      await suggestion.remove();
      const after = await bob.v1.suggestions.list();
      assert.deepEqual(
        after.map((a) => a.id),
        [f.alice.id],
      );
    });

    test("trends: tags, approved statuses, links", async () => {
      const tokens = await Promise.all(
        (["alice", "bob", "admin"] as const).map((u) => createToken(rig().ctx, u, "read write")),
      );
      const [alice, bob, admin] = tokens.map((t) => masto(rig(), t));
      const hot = await alice!.v1.statuses.create({ status: "#Crumpets for all" });
      await bob!.v1.statuses.create({ status: "#crumpets" });
      await admin!.v1.statuses.create({ status: "#CRUMPETS" });
      for (const client of [alice!, bob!, admin!])
        await client.v1.statuses.$select(hot.id).favourite();
      await ensureRecurringJobs(rig().ctx);
      rig().clock.advance(5 * 60_000);
      await runDueJobs(rig().ctx);
      await reviewTrend(rig().ctx, "status", hot.id, "approved");
      const anonymous = masto(rig());
      const tags = await anonymous.v1.trends.tags.list();
      assert.deepEqual(
        tags.map((t) => t.name),
        ["Crumpets"],
      );
      const statuses = await anonymous.v1.trends.statuses.list();
      assert.deepEqual(
        statuses.map((s) => s.id),
        [hot.id],
      );
      assert.deepEqual(await anonymous.v1.trends.links.list(), []);
    });
  },
  { listen: true },
);
