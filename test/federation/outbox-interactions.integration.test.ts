// Outgoing deliveries between accounts: Like and Undo(Like) of a remote post go to its author,
// Follow / Undo(Follow) / Block to the one remote account, a boost's Announce to followers and
// the boosted author; what a local-only action sends (nothing); and how failures behave — a
// peer answering 500 never fails the local action and its delivery waits for a retry; a
// personal inbox answering 410 drops that follower; a server failing 7 distinct days is skipped.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { isUnavailable } from "../../src/federation/outbox/unavailable.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { remoteStatus } from "../api/domain-blocks-kit.ts";
import { call, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  flushDeliveries,
  PRIVATE_FEDERATION,
  pointCarolAt,
  queuedMessages,
  type RemoteServer,
  remoteFollows,
  startRemote,
} from "./outbox-kit.ts";

describeEachDatabase(
  "outbox: interactions and failures",
  (rig) => {
    let remote: RemoteServer;
    let alice: string;
    let bob: string;
    let carolIri: string;
    let aliceIri: string;
    let bobIri: string;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      carolIri = `${remote.url}/users/carol`;
      aliceIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      bobIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.bob.id}`;
    });
    after(() => remote.close());
    beforeEach(async () => {
      remote.status = 202;
      await flushDeliveries(rig());
      remote.received.length = 0;
    });

    test("favouriting carol's post sends her a Like; unfavouriting an Undo(Like)", async () => {
      const id = await remoteStatus(rig(), "910001", rig().fixtures.carol.id, "public");
      const faved = await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, bob);
      assert.equal(faved.status, 200);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const like = remote.received[0]?.body;
      assert.equal(like.type, "Like");
      assert.equal(like.actor, bobIri);
      assert.equal(like.object, "https://remote.test/statuses/910001");
      // The personal inbox would do as well; Fedify prefers the shared one when there is one.
      assert.equal(remote.received[0]?.path, "/inbox");
      await call(rig(), "POST", `/api/v1/statuses/${id}/unfavourite`, bob);
      await flushDeliveries(rig());
      const undo = remote.received[1]?.body;
      assert.equal(undo.type, "Undo");
      assert.equal(undo.object.type, "Like");
      assert.equal(undo.object.object, "https://remote.test/statuses/910001");
      assert.notEqual(undo.id, like.id);
    });

    test("favouriting a local post sends nothing", async () => {
      const status = await post(rig(), alice, { status: "local" });
      await call(rig(), "POST", `/api/v1/statuses/${status.id}/favourite`, bob);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 0);
    });

    test("follow, unfollow and follow again: Follow, Undo(Follow), a Follow with a new id", async () => {
      const carol = rig().fixtures.carol.id;
      const first = await call(rig(), "POST", `/api/v1/accounts/${carol}/follow`, bob);
      assert.equal(first.status, 200);
      assert.equal(first.body.requested, true);
      await flushDeliveries(rig());
      const follow = remote.received[0]?.body;
      assert.equal(follow.type, "Follow");
      assert.equal(follow.actor, bobIri);
      assert.equal(follow.object, carolIri);
      // The request row keeps our Follow's id, so carol's Accept can name it.
      const row = await rig()
        .ctx.db.selectFrom("follow_requests")
        .select("uri")
        .where("account_id", "=", rig().fixtures.bob.id)
        .where("target_account_id", "=", carol)
        .executeTakeFirstOrThrow();
      assert.equal(row.uri, follow.id);
      await call(rig(), "POST", `/api/v1/accounts/${carol}/unfollow`, bob);
      await call(rig(), "POST", `/api/v1/accounts/${carol}/follow`, bob);
      await flushDeliveries(rig());
      const [undo, again] = [remote.received[1]?.body, remote.received[2]?.body];
      assert.equal(undo.type, "Undo");
      assert.equal(undo.object.type, "Follow");
      assert.equal(undo.object.actor, bobIri);
      assert.equal(undo.object.object, carolIri);
      assert.equal(again.type, "Follow");
      assert.notEqual(again.id, follow.id, "a new Follow never reuses an id");
      await call(rig(), "POST", `/api/v1/accounts/${carol}/unfollow`, bob);
    });

    test("blocking carol sends a Block to her only", async () => {
      const carol = rig().fixtures.carol.id;
      await call(rig(), "POST", `/api/v1/accounts/${carol}/block`, alice);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const block = remote.received[0]?.body;
      assert.equal(block.type, "Block");
      assert.equal(block.actor, aliceIri);
      assert.equal(block.object, carolIri);
      await call(rig(), "POST", `/api/v1/accounts/${carol}/unblock`, alice);
      await flushDeliveries(rig());
      assert.equal(remote.received[1]?.body.type, "Undo");
      assert.equal(remote.received[1]?.body.object.type, "Block");
    });

    test("boosting carol's post: one Announce for author and follower alike", async () => {
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.bob.id);
      const id = await remoteStatus(rig(), "910002", rig().fixtures.carol.id, "public");
      const boost = await call(rig(), "POST", `/api/v1/statuses/${id}/reblog`, bob);
      assert.equal(boost.status, 200);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1, "one shared inbox, one delivery");
      const announce = remote.received[0]?.body;
      assert.equal(announce.type, "Announce");
      assert.equal(announce.object, "https://remote.test/statuses/910002");
      await call(rig(), "POST", `/api/v1/statuses/${id}/unreblog`, bob);
      await flushDeliveries(rig());
      assert.equal(remote.received[1]?.body.type, "Undo");
      assert.equal(remote.received[1]?.body.object.id, announce.id);
      await rig()
        .ctx.db.deleteFrom("follows")
        .where("account_id", "=", rig().fixtures.carol.id)
        .execute();
    });

    test("a peer answering 500: the action succeeds and the delivery waits for a retry", async () => {
      const id = await remoteStatus(rig(), "910003", rig().fixtures.carol.id, "public");
      remote.status = 500;
      const faved = await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, bob);
      assert.equal(faved.status, 200);
      assert.equal(faved.body.favourited, true);
      await flushDeliveries(rig());
      // One attempt (Fedify knocks twice: RFC 9421 first, then draft-cavage signatures).
      const tried = remote.received.length;
      assert.ok(tried >= 1);
      assert.ok(remote.received.every((r) => r.body.type === "Like"));
      const queued = await queuedMessages(rig());
      assert.equal(queued.length, 1, "the delivery is queued again");
      assert.equal(queued[0]?.payload.message.type, "outbox");
      assert.ok(Date.parse(queued[0]!.runAt) > rig().clock.now().getTime(), "after a delay");
      // Once the peer is back and the delay has passed, the retry gets through.
      remote.status = 202;
      rig().clock.advance(24 * 60 * 60_000);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, tried + 1);
      assert.equal(remote.received.at(-1)?.body.id, remote.received[0]?.body.id);
      assert.deepEqual(await queuedMessages(rig()), []);
    });

    test("a follower whose personal inbox answers 410 is dropped", async () => {
      // Without a shared inbox, delivery goes to carol's own inbox.
      await rig()
        .ctx.db.updateTable("accounts")
        .set({ shared_inbox_url: null })
        .where("id", "=", rig().fixtures.carol.id)
        .execute();
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
      remote.status = 410;
      await post(rig(), alice, { status: "anyone there?" });
      await flushDeliveries(rig());
      assert.equal(remote.received[0]?.path, "/users/carol/inbox");
      assert.deepEqual(await queuedMessages(rig()), [], "410 is not retried");
      const follows = await rig()
        .ctx.db.selectFrom("follows")
        .select("id")
        .where("account_id", "=", rig().fixtures.carol.id)
        .execute();
      assert.equal(follows.length, 0);
      const counts = await rig()
        .ctx.db.selectFrom("accounts")
        .select("followers_count")
        .where("id", "=", rig().fixtures.alice.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(counts.followers_count), 0);
      await pointCarolAt(rig(), remote);
    });

    test("a server failing on 7 distinct days is skipped until it answers again", async () => {
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
      remote.status = 503;
      for (let day = 0; day < 7; day++) {
        await post(rig(), alice, { status: `day ${day}` });
        await flushDeliveries(rig());
        rig().clock.advance(24 * 60 * 60_000);
        // Fedify's circuit breaker (on wall-clock time) holds the host after a few failures and
        // lets a probe through after its cool-off; a day later it has, so it is reset here.
        await rig()
          .ctx.db.deleteFrom("fedify_kv")
          .where("key", "=", JSON.stringify(["_fedify", "circuit", remote.host]))
          .execute();
      }
      assert.equal(await isUnavailable(rig().ctx, remote.host), true);
      // A new post is not even queued for it (the retries already queued stay).
      const queuedBefore = (await queuedMessages(rig())).length;
      const res = await call(rig(), "POST", "/api/v1/statuses", alice, { status: "skipped" });
      assert.equal(res.status, 200);
      await runDueJobs(rig().ctx);
      assert.equal((await queuedMessages(rig())).length, queuedBefore);
      // The server comes back: a queued retry gets through, and it is available again.
      remote.status = 202;
      rig().clock.advance(24 * 60 * 60_000);
      await rig()
        .ctx.db.deleteFrom("fedify_kv")
        .where("key", "=", JSON.stringify(["_fedify", "circuit", remote.host]))
        .execute();
      await flushDeliveries(rig());
      assert.equal(await isUnavailable(rig().ctx, remote.host), false);
      const seen = remote.received.length;
      await post(rig(), alice, { status: "back" });
      await flushDeliveries(rig());
      assert.equal(remote.received.length, seen + 1);
      assert.match(remote.received.at(-1)?.body.object.content, /back/);
    });
  },
  { env: PRIVATE_FEDERATION },
);

describeEachDatabase("outbox: private addresses without HEARTH_ALLOW_PRIVATE_FEDERATION", (rig) => {
  let remote: RemoteServer;
  before(async () => {
    remote = await startRemote();
    await pointCarolAt(rig(), remote);
  });
  after(() => remote.close());

  test("an inbox on a loopback address receives nothing; the action still succeeds", async () => {
    await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
    const alice = await createToken(rig().ctx, "alice");
    const id = await remoteStatus(rig(), "910009", rig().fixtures.carol.id, "public");
    assert.equal((await post(rig(), alice, { status: "hello?" })).content, "<p>hello?</p>");
    const faved = await call(rig(), "POST", `/api/v1/statuses/${id}/favourite`, alice);
    assert.equal(faved.status, 200);
    await flushDeliveries(rig());
    assert.equal(remote.received.length, 0);
    assert.deepEqual(await queuedMessages(rig()), []);
  });
});
