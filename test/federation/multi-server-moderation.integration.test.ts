// Three Hearth servers federating for real (multi-server-kit.ts): an account moving to another
// server (its remote followers follow the new account), a report forwarded to the reported
// account's server (its moderators are told), and a domain block cutting a server off.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeTrio,
  eventually,
  homeHas,
  notified,
  resolveAccount,
  submitSettingsForm,
  TRIO_PASSWORD,
  type User,
} from "./multi-server-kit.ts";

async function followAccepted(viewer: User, target: User): Promise<string> {
  const remote = await resolveAccount(viewer, target);
  await viewer.client.v1.accounts.$select(remote.id).follow();
  await eventually(async () => {
    const [r] = await viewer.client.v1.accounts.relationships.fetch({ id: [remote.id] });
    assert.equal(r?.following, true, `${viewer.acct} does not follow ${target.acct} (yet)`);
  });
  return remote.id;
}

async function following(viewer: User, id: string): Promise<boolean> {
  const [r] = await viewer.client.v1.accounts.relationships.fetch({ id: [id] });
  return r?.following === true;
}

describeTrio(
  "multi-server: moves, reports, domain blocks",
  { a: ["alice"], b: ["bob", "bea"], c: ["carol", "cy:Moderator", "newbob"] },
  (trio) => {
    const u = (name: string) => trio().user(name);

    test("an account move: the followers on other servers follow the new account", async () => {
      const [alice, bob, carol, newbob] = [u("alice"), u("bob"), u("carol"), u("newbob")];
      const bobOnA = await followAccepted(alice, bob);
      await followAccepted(carol, bob);
      // The new account names the old one as an alias, then the old one moves (web settings).
      const alias = await submitSettingsForm(newbob, "/settings/aliases", { acct: `@${bob.acct}` });
      assert.equal(alias.status, 303, alias.text);
      const moved = await submitSettingsForm(bob, "/settings/migration", {
        acct: `@${newbob.acct}`,
        current_password: TRIO_PASSWORD,
      });
      assert.equal(moved.status, 303, moved.text);
      assert.equal((await bob.client.v1.accounts.$select(bob.id).fetch()).moved?.acct, newbob.acct);

      // alice's server follows the new account for her and shows where bob went.
      const newbobOnA = await eventually(async () => {
        const seen = await alice.client.v1.accounts.$select(bobOnA).fetch();
        assert.equal(seen.moved?.acct, newbob.acct);
        return seen.moved.id;
      });
      await eventually(async () => {
        assert.equal(await following(alice, newbobOnA), true);
        assert.equal(await following(alice, bobOnA), false);
      });
      // carol, on the new account's own server, too.
      await eventually(async () => {
        const followers = await newbob.client.v1.accounts.$select(newbob.id).followers.list();
        assert.deepEqual(followers.map((a) => a.acct).sort(), [alice.acct, "carol"].sort());
      });
      // Both unfollowed the old account (alice's and carol's servers each send an Undo).
      await eventually(async () => {
        assert.deepEqual(await bob.client.v1.accounts.$select(bob.id).followers.list(), []);
      });
      await notified(newbob, "follow", (n) => n.account.acct === alice.acct);
    });

    test("a report forwarded to the reported account's server reaches its moderators", async () => {
      const [alice, carol, cy] = [u("alice"), u("carol"), u("cy")];
      const post = await carol.client.v1.statuses.create({ status: "Buy cheap things" });
      const onA = (
        await alice.client.v2.search.list({ q: post.uri, type: "statuses", resolve: true })
      ).statuses[0]!;
      assert.equal(onA.uri, post.uri);
      // Kept at home, then forwarded: carol's moderators hear of the second only.
      await alice.client.v1.reports.create({
        accountId: onA.account.id,
        statusIds: [onA.id],
        comment: "kept here",
        forward: false,
      });
      const forwarded = await alice.client.v1.reports.create({
        accountId: onA.account.id,
        statusIds: [onA.id],
        comment: "spam, please look",
        forward: true,
        category: "spam",
      });
      assert.equal(forwarded.targetAccount.acct, carol.acct);
      const told = await notified(cy, "admin.report");
      assert.equal(told.report?.comment, "spam, please look");
      assert.equal(told.report?.targetAccount.acct, "carol");
      const reports = await cy.client.v1.notifications.list({ types: ["admin.report"] });
      assert.equal(reports.length, 1);
      // Reporters' identities stay on their own server: the report comes from the server.
      assert.notEqual(told.account.acct, alice.acct);
      // carol herself is told nothing.
      assert.deepEqual(await carol.client.v1.notifications.list({ types: ["admin.report"] }), []);
    });

    test("a domain block cuts a server off: follows severed, nothing in or out", async () => {
      const [alice, bea, carol, cy] = [u("alice"), u("bea"), u("carol"), u("cy")];
      const carolOnA = await followAccepted(alice, carol);
      await Promise.all([followAccepted(cy, alice), followAccepted(bea, alice)]);
      const before = await carol.client.v1.statuses.create({ status: "before the block" });
      await homeHas(alice, before.uri);

      const c = trio().servers.c;
      const blocked = await trio().servers.a.cli([
        "domain-blocks",
        "add",
        c.domain,
        "--severity",
        "suspend",
      ]);
      assert.equal(blocked.code, 0, blocked.err.join("\n"));

      // Severed on alice's server: no follow either way, carol's account and posts gone.
      assert.equal(await following(alice, carolOnA), false);
      const followers = await alice.client.v1.accounts.$select(alice.id).followers.list();
      assert.deepEqual(
        followers.map((a) => a.acct),
        [bea.acct],
      );
      const home = await alice.client.v1.timelines.home.list({ limit: 40 });
      assert.ok(!home.some((s) => s.uri === before.uri));
      const search = await alice.client.v2.search.list({
        q: `@${carol.acct}`,
        type: "accounts",
        resolve: true,
      });
      assert.deepEqual(search.accounts, []);
      const byUri = await alice.client.v2.search.list({
        q: before.uri,
        type: "statuses",
        resolve: true,
      });
      assert.deepEqual(byUri.statuses, []);

      // Nothing out: alice's post reaches bea on b, never cy on c.
      const out = await alice.client.v1.statuses.create({ status: "after the block" });
      await homeHas(bea, out.uri);
      // Nothing in: carol names alice and bea; bea hears of it, alice never.
      const beaOnC = await resolveAccount(carol, bea);
      const aliceOnC = await resolveAccount(carol, alice);
      const mention = await carol.client.v1.statuses.create({
        status: `@${beaOnC.acct} @${aliceOnC.acct} hello both`,
      });
      await notified(bea, "mention", (n) => n.status?.uri === mention.uri);
      const cyHome = await cy.client.v1.timelines.home.list({ limit: 40 });
      assert.ok(!cyHome.some((s) => s.uri === out.uri));
      const mentions = await alice.client.v1.notifications.list({ types: ["mention"] });
      assert.ok(!mentions.some((n) => n.status?.uri === mention.uri));
    });
  },
);
