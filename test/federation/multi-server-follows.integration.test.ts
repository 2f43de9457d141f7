// Three Hearth servers federating for real (multi-server-kit.ts): following by
// `@user@host:port` (an open and a locked account), posts of each visibility reaching exactly
// the people they should, a profile update, and a block. Absence is checked only after an
// event that must come later on the same server, never after a wait.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { mastodon } from "masto";
import {
  describeTrio,
  eventually,
  homeHas,
  notified,
  resolveAccount,
  type User,
} from "./multi-server-kit.ts";

/** `viewer` follows `target` (resolved by search) and waits until the follow is accepted. */
async function followAccepted(viewer: User, target: User): Promise<string> {
  const remote = await resolveAccount(viewer, target);
  await viewer.client.v1.accounts.$select(remote.id).follow();
  await eventually(async () => {
    const [r] = await viewer.client.v1.accounts.relationships.fetch({ id: [remote.id] });
    assert.equal(r?.following, true, `${viewer.acct} does not follow ${target.acct} (yet)`);
  });
  return remote.id;
}

async function relationship(viewer: User, id: string): Promise<mastodon.v1.Relationship> {
  const [r] = await viewer.client.v1.accounts.relationships.fetch({ id: [id] });
  assert.ok(r);
  return r;
}

async function notFound(viewer: User, statusId: string): Promise<void> {
  await assert.rejects(viewer.client.v1.statuses.$select(statusId).fetch(), (e: Error) => {
    assert.match(e.message, /not found/i);
    return true;
  });
}

describeTrio(
  "multi-server: follows, visibility, profiles, blocks",
  { a: ["alice", "amy"], b: ["bob", "bea"], c: ["carol", "cy"] },
  (trio) => {
    const u = (name: string) => trio().user(name);

    test("following an open account by @user@host: accepted at once, seen on both sides", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      const remoteBob = await resolveAccount(alice, bob);
      assert.equal(remoteBob.acct, bob.acct);
      assert.equal(remoteBob.url, `${bob.server.url}/@bob`);
      // An app shows "requested" until the Accept comes back from bob's server.
      const first = await alice.client.v1.accounts.$select(remoteBob.id).follow();
      assert.equal(first.following || first.requested, true);
      await Promise.all([followAccepted(alice, bob), followAccepted(carol, bob)]);
      const follow = await notified(bob, "follow", (n) => n.account.acct === alice.acct);
      assert.equal(follow.account.url, `${alice.server.url}/@alice`);
      await notified(bob, "follow", (n) => n.account.acct === carol.acct);
      const followers = await bob.client.v1.accounts.$select(bob.id).followers.list();
      assert.deepEqual(followers.map((a) => a.acct).sort(), [alice.acct, carol.acct].sort());
      // After lookup the account is known by its acct on alice's server.
      const looked = await alice.client.v1.accounts.lookup({ acct: bob.acct });
      assert.equal(looked.id, remoteBob.id);
    });

    test("following a locked account: a request bea authorizes or rejects", async () => {
      const [alice, bea, carol] = [u("alice"), u("bea"), u("carol")];
      await bea.client.v1.accounts.updateCredentials({ locked: true });
      // alice's server learns of the lock from bea's actor when it resolves her.
      const remoteBea = await resolveAccount(alice, bea);
      assert.equal(remoteBea.locked, true);
      const remoteBeaOnC = await resolveAccount(carol, bea);
      const asked = await alice.client.v1.accounts.$select(remoteBea.id).follow();
      assert.equal(asked.requested, true);
      assert.equal(asked.following, false);
      await carol.client.v1.accounts.$select(remoteBeaOnC.id).follow();

      const request = await notified(bea, "follow_request", (n) => n.account.acct === alice.acct);
      await notified(bea, "follow_request", (n) => n.account.acct === carol.acct);
      const requests = await bea.client.v1.followRequests.list();
      assert.deepEqual(requests.map((a) => a.acct).sort(), [alice.acct, carol.acct].sort());
      // Still only requested on alice's side until bea answers.
      assert.equal((await relationship(alice, remoteBea.id)).following, false);

      const authorized = await bea.client.v1.followRequests.$select(request.account.id).authorize();
      assert.equal(authorized.followedBy, true);
      const carolOnB = requests.find((a) => a.acct === carol.acct)!;
      await bea.client.v1.followRequests.$select(carolOnB.id).reject();
      await eventually(async () => {
        const r = await relationship(alice, remoteBea.id);
        assert.equal(r.following, true);
        assert.equal(r.requested, false);
      });
      await eventually(async () => {
        const r = await relationship(carol, remoteBeaOnC.id);
        assert.equal(r.requested, false, "carol's request is still pending");
        assert.equal(r.following, false);
      });
      assert.deepEqual(await bea.client.v1.followRequests.list(), []);
      const followers = await bea.client.v1.accounts.$select(bea.id).followers.list();
      assert.deepEqual(
        followers.map((a) => a.acct),
        [alice.acct],
      );
    });

    test("public, unlisted, followers-only and direct posts reach exactly the right people", async () => {
      // bob's followers: alice (server a) and carol (server c). amy (a) and cy (c) follow nobody.
      const [alice, amy, bob, carol, cy] = [u("alice"), u("amy"), u("bob"), u("carol"), u("cy")];
      const amyOnB = await resolveAccount(bob, amy);
      const cyOnB = await resolveAccount(bob, cy);
      const post = (status: string, visibility: mastodon.v1.StatusVisibility) =>
        bob.client.v1.statuses.create({ status, visibility });
      const privatePost = await post("followers only", "private");
      const unlisted = await post("unlisted hello", "unlisted");
      const direct = await post(`@${amyOnB.acct} @${cyOnB.acct} just for you two`, "direct");
      const publicPost = await post("public hello", "public");

      // The followers get the three non-direct posts on their home timelines.
      for (const follower of [alice, carol]) {
        for (const s of [privatePost, unlisted, publicPost]) {
          const copy = await homeHas(follower, s.uri);
          assert.equal(copy.visibility, s.visibility);
          assert.equal(copy.account.acct, bob.acct);
        }
      }
      // The mentioned get the direct post among their conversations, and (bob being a stranger
      // to them) a filtered notification, as Mastodon's default policy has it.
      const [amysDirect, cysDirect] = await Promise.all(
        [amy, cy].map(async (viewer) => {
          const status = await eventually(async () => {
            const conversations = await viewer.client.v1.conversations.list();
            const found = conversations.find((c) => c.lastStatus?.uri === direct.uri);
            assert.ok(found, `${viewer.acct} has no conversation with the DM (yet)`);
            return found.lastStatus!;
          });
          assert.equal(status.visibility, "direct");
          assert.deepEqual(
            status.mentions.map((m) => m.acct).sort(),
            [viewer.username, viewer === amy ? cy.acct : amy.acct].sort(),
          );
          // The notification is a job of its own: it may land after the conversation.
          await eventually(async () => {
            const requests = await viewer.client.v1.notifications.requests.list();
            assert.deepEqual(
              requests.map((r) => r.account.acct),
              [bob.acct],
            );
          });
          return status;
        }),
      );
      assert.equal((await amy.client.v1.statuses.$select(amysDirect!.id).fetch()).uri, direct.uri);

      // And not the others: each copy is on the same server as someone who may not see it.
      await notFound(alice, amysDirect!.id);
      await notFound(carol, cysDirect!.id);
      const alicesPrivate = await homeHas(alice, privatePost.uri);
      await notFound(amy, alicesPrivate.id);
      const carolsPrivate = await homeHas(carol, privatePost.uri);
      await notFound(cy, carolsPrivate.id);
      const amyHome = await amy.client.v1.timelines.home.list();
      assert.deepEqual(
        amyHome.map((s) => s.uri).filter((uri) => uri !== direct.uri),
        [],
        "amy follows nobody: only the post addressed to her",
      );
      for (const follower of [alice, carol]) {
        const home = await follower.client.v1.timelines.home.list({ limit: 40 });
        assert.ok(!home.some((s) => s.uri === direct.uri), `${follower.acct} sees the DM`);
        const mentions = await follower.client.v1.notifications.list({ types: ["mention"] });
        assert.deepEqual(mentions, []);
      }
      // The federated timeline of alice's server shows the public post only.
      const federated = await alice.client.v1.timelines.public.list({ remote: true, limit: 40 });
      const uris = federated.map((s) => s.uri);
      assert.ok(uris.includes(publicPost.uri));
      for (const hidden of [unlisted, privatePost, direct]) assert.ok(!uris.includes(hidden.uri));
    });

    test("a profile update shows on the followers' servers", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      await bob.client.v1.accounts.updateCredentials({
        displayName: "Bob Builder",
        note: "I build things",
      });
      for (const viewer of [alice, carol]) {
        const id = (await viewer.client.v1.accounts.lookup({ acct: bob.acct })).id;
        await eventually(async () => {
          const account = await viewer.client.v1.accounts.$select(id).fetch();
          assert.equal(account.displayName, "Bob Builder");
          assert.match(account.note, /I build things/);
        });
      }
    });

    test("a block: the blocked remote unfollows, gets nothing more and cannot interact", async () => {
      const [alice, bob, carol, cy] = [u("alice"), u("bob"), u("carol"), u("cy")];
      const old = await bob.client.v1.statuses.create({ status: "before the block" });
      const carolsOld = await homeHas(carol, old.uri);
      const carolOnB = await resolveAccount(bob, carol);
      const blocked = await bob.client.v1.accounts.$select(carolOnB.id).block();
      assert.equal(blocked.blocking, true);
      assert.equal(blocked.followedBy, false);
      const bobOnC = (await carol.client.v1.accounts.lookup({ acct: bob.acct })).id;
      await eventually(async () => {
        assert.equal((await relationship(carol, bobOnC)).following, false);
      });

      // carol favourites the old post; cy, on the same server, after her. bob's server hears
      // cy's favourite, and never carol's.
      await carol.client.v1.statuses
        .$select(carolsOld.id)
        .favourite()
        .catch(() => {});
      const cysOld = (
        await cy.client.v2.search.list({ q: old.uri, type: "statuses", resolve: true })
      ).statuses[0]!;
      await cy.client.v1.statuses.$select(cysOld.id).favourite();
      await notified(bob, "favourite", (n) => n.account.acct === cy.acct);
      const favouritedBy = await bob.client.v1.statuses.$select(old.id).favouritedBy.list();
      assert.deepEqual(
        favouritedBy.map((a) => a.acct),
        [cy.acct],
      );
      // A new post reaches alice, not carol.
      const after = await bob.client.v1.statuses.create({ status: "after the block" });
      await homeHas(alice, after.uri);
      const carolHome = await carol.client.v1.timelines.home.list({ limit: 40 });
      assert.ok(!carolHome.some((s) => s.uri === after.uri));
      // Following again: carol's server knows of the block and refuses, as Mastodon does.
      await assert.rejects(carol.client.v1.accounts.$select(bobOnC).follow(), (e: Error) => {
        assert.equal((e as Error & { statusCode?: number }).statusCode, 403);
        return true;
      });
      const r = await relationship(carol, bobOnC);
      assert.equal(r.following || r.requested, false);
      const bobFollowers = await bob.client.v1.accounts.$select(bob.id).followers.list();
      assert.ok(!bobFollowers.some((a) => a.acct === carol.acct));
    });
  },
);
