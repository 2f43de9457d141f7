// Lists, filters v2, markers and conversations as masto.js (Phanpy, Elk) drives them over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "lists, filters, markers and conversations through masto.js",
  (rig) => {
    test("a list with a member, its timeline, then gone", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write follow"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const aliceId = rig().fixtures.alice.id;
      await bob.v1.accounts.$select(aliceId).follow();
      const list = await bob.v1.lists.create({ title: "Close friends", exclusive: false });
      assert.equal(list.repliesPolicy, "list");
      await bob.v1.lists.$select(list.id).accounts.create({ accountIds: [aliceId] });
      const members = await bob.v1.lists.$select(list.id).accounts.list();
      assert.deepEqual(
        members.map((a) => a.id),
        [aliceId],
      );
      const s = await alice.v1.statuses.create({ status: "for the list" });
      await runDueJobs(rig().ctx);
      const timeline = await bob.v1.timelines.list.$select(list.id).list();
      assert.deepEqual(
        timeline.map((x) => x.id),
        [s.id],
      );
      const renamed = await bob.v1.lists.$select(list.id).update({ title: "Friends" });
      assert.equal(renamed.title, "Friends");
      const holding = await bob.v1.accounts.$select(aliceId).lists.list();
      assert.deepEqual(
        holding.map((l) => l.id),
        [list.id],
      );
      await bob.v1.lists.$select(list.id).accounts.remove({ accountIds: [aliceId] });
      await bob.v1.lists.$select(list.id).remove();
      assert.deepEqual(await bob.v1.lists.list(), []);
    });

    test("a v2 filter marks matching statuses, and changes through keywords", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write follow"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      await bob.v1.accounts.$select(rig().fixtures.alice.id).follow();
      const filter = await bob.v2.filters.create({
        title: "Weather",
        context: ["home", "public"],
        filterAction: "warn",
        keywordsAttributes: [{ keyword: "rain", wholeWord: true }],
      });
      assert.equal(filter.keywords?.[0]?.keyword, "rain");
      const s = await alice.v1.statuses.create({ status: "Rain again today" });
      await runDueJobs(rig().ctx);
      const [top] = await bob.v1.timelines.home.list({ limit: 1 });
      assert.equal(top?.id, s.id);
      assert.equal(top?.filtered?.[0]?.filter.id, filter.id);
      assert.deepEqual(top?.filtered?.[0]?.keywordMatches, ["Rain"]);
      const kw = await bob.v2.filters.$select(filter.id).keywords.create({ keyword: "snow" });
      const fetched = await bob.v2.filters.$select(filter.id).fetch();
      assert.deepEqual(
        fetched.keywords?.map((k) => k.keyword),
        ["rain", "snow"],
      );
      await bob.v2.filters.keywords.$select(kw.id).remove();
      await bob.v2.filters.$select(filter.id).remove();
      assert.deepEqual(await bob.v2.filters.list(), []);
    });

    test("markers round-trip; a DM shows as a conversation and can be read", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const saved = await bob.v1.markers.create({ home: { lastReadId: "110000000000000000" } });
      assert.equal(saved.home?.lastReadId, "110000000000000000");
      const fetched = await bob.v1.markers.fetch({ timeline: ["home", "notifications"] });
      assert.equal(fetched.home?.version, 0);
      assert.equal(fetched.notifications, undefined);

      const dm = await alice.v1.statuses.create({ status: "@bob secret", visibility: "direct" });
      await runDueJobs(rig().ctx);
      const [conversation] = await bob.v1.conversations.list();
      assert.equal(conversation?.lastStatus?.id, dm.id);
      assert.equal(conversation?.unread, true);
      const read = await bob.v1.conversations.$select(conversation?.id ?? "").read();
      assert.equal(read.unread, false);
      await bob.v1.conversations.$select(conversation?.id ?? "").remove();
      assert.deepEqual(await bob.v1.conversations.list(), []);
    });
  },
  { listen: true },
);
