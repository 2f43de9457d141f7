// Outgoing deliveries of posts: a fake remote server (outbox-kit.ts) follows a local account
// and records what reaches its inboxes — Create with Mastodon's addressing per visibility,
// signed; direct messages only to those mentioned; Update; Delete with a Tombstone; nothing
// at all when no remote account is concerned.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { call, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  flushDeliveries,
  PRIVATE_FEDERATION,
  pointCarolAt,
  type RemoteServer,
  remoteFollows,
  startRemote,
  verifiedSigner,
} from "./outbox-kit.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isPublic = (v: unknown) =>
  asList(v).some((x) => x === PUBLIC || x === "as:Public" || x === "Public");

describeEachDatabase(
  "outbox: posts",
  (rig) => {
    let remote: RemoteServer;
    let alice: string;
    let bob: string;
    let aliceIri: string;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      aliceIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
    });
    after(() => remote.close());
    beforeEach(async () => {
      await flushDeliveries(rig());
      remote.received.length = 0;
    });

    test("a public post reaches the remote follower's shared inbox once, Public in to, signed", async () => {
      const status = await post(rig(), alice, { status: "Hello fediverse" });
      assert.equal(remote.received.length, 0, "nothing is sent before the jobs run");
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const [got] = remote.received;
      assert.equal(got?.path, "/inbox");
      const activity = got?.body;
      assert.equal(activity.type, "Create");
      assert.equal(activity.actor, aliceIri);
      assert.equal(activity.id, `${rig().config.baseUrl}/ap/statuses/${status.id}/activity`);
      assert.ok(isPublic(activity.to), "Public in to");
      assert.ok(asList(activity.cc).includes(`${aliceIri}/followers`));
      assert.equal(activity.object.type, "Note");
      assert.equal(activity.object.id, `${rig().config.baseUrl}/ap/statuses/${status.id}`);
      assert.match(activity.object.content, /Hello fediverse/);
      assert.ok(
        got?.headers.signature !== undefined || got?.headers["signature-input"] !== undefined,
        "the request carries an HTTP signature",
      );
      assert.equal(await verifiedSigner(rig(), remote, got!), aliceIri);
    });

    test("unlisted: followers in to, Public in cc", async () => {
      await post(rig(), alice, { status: "quietly", visibility: "unlisted" });
      await flushDeliveries(rig());
      const activity = remote.received[0]?.body;
      assert.deepEqual(asList(activity.to), [`${aliceIri}/followers`]);
      assert.ok(isPublic(activity.cc));
    });

    test("a followers-only post goes to followers with no Public anywhere", async () => {
      await post(rig(), alice, { status: "friends only", visibility: "private" });
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const activity = remote.received[0]?.body;
      assert.equal(activity.type, "Create");
      assert.deepEqual(asList(activity.to), [`${aliceIri}/followers`]);
      assert.ok(!isPublic(activity.to) && !isPublic(activity.cc));
      assert.ok(!isPublic(activity.object.to) && !isPublic(activity.object.cc));
    });

    test("a direct message mentioning carol reaches carol only", async () => {
      // bob has no remote follower: only the mention can make this leave the server.
      await post(rig(), bob, { status: "@carol@remote.test psst", visibility: "direct" });
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const activity = remote.received[0]?.body;
      assert.deepEqual(asList(activity.to), [`${remote.url}/users/carol`]);
      assert.deepEqual(asList(activity.cc), []);
      assert.ok(
        asList(activity.object.tag).some(
          (t: { type: string; href: string }) =>
            t.type === "Mention" && t.href === `${remote.url}/users/carol`,
        ),
      );
    });

    test("a post with no remote audience sends nothing", async () => {
      await post(rig(), bob, { status: "local only" });
      await post(rig(), bob, { status: "@alice hi", visibility: "direct" });
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 0);
    });

    test("an edit of a post deleted before delivery sends only the Delete", async () => {
      const status = await post(rig(), alice, { status: "oops" });
      await flushDeliveries(rig());
      await call(rig(), "PUT", `/api/v1/statuses/${status.id}`, alice, { status: "oops!" });
      await call(rig(), "DELETE", `/api/v1/statuses/${status.id}`, alice);
      await flushDeliveries(rig());
      assert.deepEqual(
        remote.received.map((r) => r.body.type),
        ["Create", "Delete"],
      );
    });

    test("an edit is an Update, a delete a Delete with a Tombstone", async () => {
      const status = await post(rig(), alice, { status: "first draft" });
      await flushDeliveries(rig());
      rig().clock.advance(60_000);
      const edited = await call(rig(), "PUT", `/api/v1/statuses/${status.id}`, alice, {
        status: "second draft",
      });
      assert.equal(edited.status, 200);
      await flushDeliveries(rig());
      const deleted = await call(rig(), "DELETE", `/api/v1/statuses/${status.id}`, alice);
      assert.equal(deleted.status, 200);
      await flushDeliveries(rig());
      const types = remote.received.map((r) => r.body.type);
      assert.deepEqual(types, ["Create", "Update", "Delete"]);
      const update = remote.received[1]?.body;
      assert.equal(update.object.id, `${rig().config.baseUrl}/ap/statuses/${status.id}`);
      assert.match(update.object.content, /second draft/);
      const del = remote.received[2]?.body;
      assert.equal(del.actor, aliceIri);
      assert.equal(del.object.type, "Tombstone");
      assert.equal(del.object.id, `${rig().config.baseUrl}/ap/statuses/${status.id}`);
    });
  },
  { env: PRIVATE_FEDERATION },
);
