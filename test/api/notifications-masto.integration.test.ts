// Notifications as masto.js (Phanpy, Elk) drives them over HTTP: the v1 list with its
// paginator, a grouped v2 page with sample accounts, a group's accounts and dismissal, the
// unread count, the policy, and a request accepted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { settle } from "./notifications-kit.ts";

describeEachDatabase(
  "notifications through masto.js",
  (rig) => {
    test("v1 list, v2 groups, policy and requests", async () => {
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write follow"));
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write follow"));
      const admin = masto(rig(), await createToken(rig().ctx, "admin", "read write follow"));
      const { alice: a, admin: ad, bob: b } = rig().fixtures;

      const post = await bob.v1.statuses.create({ status: "notice me" });
      await alice.v1.statuses.$select(post.id).favourite();
      await admin.v1.statuses.$select(post.id).favourite();
      await alice.v1.accounts.$select(b.id).follow();
      await settle(rig());

      const first = await bob.v1.notifications.list({ limit: 2 });
      assert.deepEqual(
        first.map((n) => n.type),
        ["follow", "favourite"],
      );
      const all: string[] = [];
      for await (const page of bob.v1.notifications.list({ limit: 2 }))
        all.push(...page.map((n) => n.type));
      assert.deepEqual(all, ["follow", "favourite", "favourite"]);
      const filtered = await bob.v1.notifications.list({ excludeTypes: ["follow"] });
      assert.equal(filtered.length, 2);
      assert.equal(filtered[0]?.status?.id, post.id);

      const grouped = await bob.v2.notifications.list();
      assert.equal(grouped.notificationGroups.length, 2);
      // masto.js 7.12 leaves favourite out of NotificationGroupType, hence the widening.
      const faves = grouped.notificationGroups.find((g) => (g.type as string) === "favourite");
      assert.ok(faves);
      assert.equal(faves.notificationsCount, 2);
      assert.deepEqual(faves.sampleAccountIds, [ad.id, a.id]);
      assert.equal(grouped.statuses[0]?.id, post.id);
      const senders = await bob.v2.notifications.$select(faves.groupKey).accounts.fetch();
      assert.deepEqual(
        senders.map((s) => s.id),
        [ad.id, a.id],
      );
      assert.equal((await bob.v2.notifications.unreadCount.fetch()).count, 2);
      await bob.v2.notifications.$select(faves.groupKey).dismiss();
      assert.equal((await bob.v2.notifications.list()).notificationGroups.length, 1);

      const policy = await bob.v2.notifications.policy.fetch();
      assert.equal(policy.forPrivateMentions, "filter");
      const updated = await bob.v2.notifications.policy.update({ forNewAccounts: "filter" });
      assert.equal(updated.forNewAccounts, "filter");

      const dm = await alice.v1.statuses.create({ status: "@bob secret", visibility: "direct" });
      await settle(rig());
      const requests = await bob.v1.notifications.requests.list();
      assert.equal(requests.length, 1);
      assert.equal(requests[0]?.lastStatus?.id, dm.id);
      await bob.v1.notifications.requests.$select(requests[0]?.id ?? "").accept();
      assert.equal((await bob.v1.notifications.requests.merged.fetch()).merged, true);
      const mentions = await bob.v1.notifications.list({ types: ["mention"] });
      assert.deepEqual(
        mentions.map((n) => n.status?.id),
        [dm.id],
      );
      await bob.v1.notifications.clear();
      assert.deepEqual(await bob.v1.notifications.list(), []);
    });
  },
  { listen: true },
);
