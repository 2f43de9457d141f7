// Three Hearth servers federating for real (multi-server-kit.ts): a reply thread across them,
// boosts and favourites, an edit, a delete, a poll voted on from two servers, and a quote post,
// each checked through the client API of every server concerned.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { mastodon } from "masto";
import {
  describeTrio,
  eventually,
  homeHas,
  notified,
  resolveAccount,
  type User,
} from "./multi-server-kit.ts";

async function follow(viewer: User, target: User): Promise<void> {
  const remote = await resolveAccount(viewer, target);
  await viewer.client.v1.accounts.$select(remote.id).follow();
  await eventually(async () => {
    const [r] = await viewer.client.v1.accounts.relationships.fetch({ id: [remote.id] });
    assert.equal(r?.following, true, `${viewer.acct} does not follow ${target.acct} (yet)`);
  });
}

/** The uris of a status's descendants (or ancestors) as `viewer`'s server shows them. */
async function thread(viewer: User, id: string, side: "ancestors" | "descendants") {
  const context = await viewer.client.v1.statuses.$select(id).context.fetch();
  return context[side].map((s) => s.uri);
}

describeTrio(
  "multi-server: threads, boosts, favourites, edits, deletes, polls, quotes",
  { a: ["alice"], b: ["bob"], c: ["carol"] },
  (trio) => {
    const u = (name: string) => trio().user(name);
    // alice's post that the thread, boost, favourite, edit and quote tests share.
    let root: mastodon.v1.Status;
    let bobReply: mastodon.v1.Status;
    let carolReply: mastodon.v1.Status;

    before(async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      await Promise.all([follow(bob, alice), follow(carol, alice), follow(carol, bob)]);
    });

    test("a reply thread across three servers: the same context on each", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      root = await alice.client.v1.statuses.create({ status: "What should we build?" });
      const bobsRoot = await homeHas(bob, root.uri);
      bobReply = await bob.client.v1.statuses.create({
        status: `@${alice.acct} A bridge`,
        inReplyToId: bobsRoot.id,
      });
      assert.equal(bobReply.inReplyToAccountId, bobsRoot.account.id);
      const carolsBobReply = await homeHas(carol, bobReply.uri);
      assert.equal(carolsBobReply.inReplyToId, (await homeHas(carol, root.uri)).id);
      carolReply = await carol.client.v1.statuses.create({
        status: `@${bob.acct} @${alice.acct} Of stone`,
        inReplyToId: carolsBobReply.id,
      });

      const expected = [bobReply.uri, carolReply.uri];
      await eventually(async () => {
        assert.deepEqual(await thread(alice, root.id, "descendants"), expected);
      });
      await eventually(async () => {
        assert.deepEqual(await thread(bob, bobsRoot.id, "descendants"), expected);
      });
      const carolsRoot = await homeHas(carol, root.uri);
      assert.deepEqual(await thread(carol, carolsRoot.id, "descendants"), expected);
      assert.deepEqual(await thread(carol, carolReply.id, "ancestors"), [root.uri, bobReply.uri]);
      // alice is told of both replies (each mentions her), and the direct one counts.
      await notified(alice, "mention", (n) => n.status?.uri === bobReply.uri);
      await notified(alice, "mention", (n) => n.status?.uri === carolReply.uri);
      assert.equal((await alice.client.v1.statuses.$select(root.id).fetch()).repliesCount, 1);
    });

    test("a boost and a favourite from two servers: counts and notifications at the author's", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      const bobsRoot = await homeHas(bob, root.uri);
      const carolsRoot = await homeHas(carol, root.uri);
      const boost = await bob.client.v1.statuses.$select(bobsRoot.id).reblog();
      assert.equal(boost.reblog?.uri, root.uri);
      await carol.client.v1.statuses.$select(carolsRoot.id).favourite();

      const reblog = await notified(alice, "reblog", (n) => n.account.acct === bob.acct);
      assert.equal(reblog.status?.uri, root.uri);
      const favourite = await notified(alice, "favourite", (n) => n.account.acct === carol.acct);
      assert.equal(favourite.status?.uri, root.uri);
      const seen = await alice.client.v1.statuses.$select(root.id).fetch();
      assert.equal(seen.reblogsCount, 1);
      assert.equal(seen.favouritesCount, 1);
      const rebloggedBy = await alice.client.v1.statuses.$select(root.id).rebloggedBy.list();
      assert.deepEqual(
        rebloggedBy.map((a) => a.acct),
        [bob.acct],
      );
      const favouritedBy = await alice.client.v1.statuses.$select(root.id).favouritedBy.list();
      assert.deepEqual(
        favouritedBy.map((a) => a.acct),
        [carol.acct],
      );
      // On their own servers, each sees their own action on their copy.
      assert.equal((await bob.client.v1.statuses.$select(bobsRoot.id).fetch()).reblogged, true);
      assert.equal(
        (await carol.client.v1.statuses.$select(carolsRoot.id).fetch()).favourited,
        true,
      );
    });

    test("an edit: the new text and the history on the other servers", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      await alice.client.v1.statuses.$select(root.id).update({ status: "What shall we build?" });
      for (const viewer of [bob, carol]) {
        const copy = await homeHas(viewer, root.uri);
        await eventually(async () => {
          const seen = await viewer.client.v1.statuses.$select(copy.id).fetch();
          assert.match(seen.content, /What shall we build\?/);
          assert.ok(seen.editedAt !== null);
        });
        const history = await viewer.client.v1.statuses.$select(copy.id).history.list();
        assert.deepEqual(
          history.map((h) => h.content.replace(/<[^>]+>/g, "")),
          ["What should we build?", "What shall we build?"],
        );
      }
    });

    test("a delete: the reply is gone from the thread on every server", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      // bob does not follow carol: her reply is in his server's copy of the thread.
      const bobsRoot = await homeHas(bob, root.uri);
      const context = await bob.client.v1.statuses.$select(bobsRoot.id).context.fetch();
      const bobsCopy = context.descendants.find((s) => s.uri === carolReply.uri)!;
      await carol.client.v1.statuses.$select(carolReply.id).remove();
      await eventually(async () => {
        assert.deepEqual(await thread(alice, root.id, "descendants"), [bobReply.uri]);
      });
      await eventually(async () => {
        await assert.rejects(bob.client.v1.statuses.$select(bobsCopy.id).fetch(), /not found/i);
      });
      const home = await bob.client.v1.timelines.home.list({ limit: 40 });
      assert.ok(!home.some((s) => s.uri === carolReply.uri));
      const mentions = await alice.client.v1.notifications.list({ types: ["mention"] });
      assert.ok(!mentions.some((n) => n.status?.uri === carolReply.uri));
    });

    test("a poll voted on from two servers: the same tallies everywhere", async () => {
      const [alice, bob, carol] = [u("alice"), u("bob"), u("carol")];
      const post = await alice.client.v1.statuses.create({
        status: "Tea or coffee?",
        poll: { options: ["tea", "coffee"], expiresIn: 3600 },
      });
      const [bobsPost, carolsPost] = await Promise.all([
        homeHas(bob, post.uri),
        homeHas(carol, post.uri),
      ]);
      await bob.client.v1.polls.$select(bobsPost.poll!.id).votes.create({ choices: [0] });
      await carol.client.v1.polls.$select(carolsPost.poll!.id).votes.create({ choices: [1] });
      const tallies = (poll: mastodon.v1.Poll | null | undefined) =>
        poll?.options.map((o) => o.votesCount);
      await eventually(async () => {
        const poll = await alice.client.v1.polls.$select(post.poll!.id).fetch();
        assert.deepEqual(tallies(poll), [1, 1]);
        assert.equal(poll.votersCount, 2);
      });
      // The author's server sends its counts back (Update of the Question).
      for (const [viewer, copy, choice] of [
        [bob, bobsPost, 0],
        [carol, carolsPost, 1],
      ] as const) {
        await eventually(async () => {
          const poll = await viewer.client.v1.polls.$select(copy.poll!.id).fetch();
          assert.deepEqual(tallies(poll), [1, 1]);
          assert.equal(poll.voted, true);
          assert.deepEqual(poll.ownVotes, [choice]);
        });
      }
      // A second vote from the same person is refused where it is cast.
      await assert.rejects(
        bob.client.v1.polls.$select(bobsPost.poll!.id).votes.create({ choices: [1] }),
      );
    });

    test("a quote of a post on another server: accepted by its author's server", async () => {
      const [alice, carol] = [u("alice"), u("carol")];
      const carolsRoot = await homeHas(carol, root.uri);
      const quote = await carol.client.v1.statuses.create({
        status: "Worth asking",
        quotedStatusId: carolsRoot.id,
      });
      await eventually(async () => {
        const seen = await carol.client.v1.statuses.$select(quote.id).fetch();
        assert.equal(seen.quote?.state, "accepted");
        assert.ok(seen.quote && "quotedStatus" in seen.quote);
        assert.equal(seen.quote.quotedStatus?.uri, root.uri);
      });
      const told = await notified(alice, "quote", (n) => n.account.acct === carol.acct);
      assert.equal(told.status?.uri, quote.uri);
      await eventually(async () => {
        assert.equal((await alice.client.v1.statuses.$select(root.id).fetch()).quotesCount, 1);
      });
      const quotes = await alice.client.v1.statuses.$select(root.id).quotes.list();
      assert.deepEqual(
        quotes.map((s) => s.uri),
        [quote.uri],
      );
    });
  },
);
