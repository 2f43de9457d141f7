// Deliveries driven by masto.js over real HTTP, as a Mastodon app would: a post reaches the
// remote follower, a favourite of a remote post reaches its author, accepting a remote follow
// request answers with an Accept naming the request's Follow.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { remoteStatus } from "../api/domain-blocks-kit.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  flushDeliveries,
  PRIVATE_FEDERATION,
  pointCarolAt,
  type RemoteServer,
  remoteFollows,
  startRemote,
} from "./outbox-kit.ts";

describeEachDatabase(
  "outbox through masto.js",
  (rig) => {
    let remote: RemoteServer;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
    });
    after(() => remote.close());

    test("post, favourite and accept a follow request: each reaches carol", async () => {
      const { fixtures } = rig();
      await remoteFollows(rig(), fixtures.carol.id, fixtures.alice.id);
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write follow"));
      const status = await alice.v1.statuses.create({ status: "Hello from masto" });
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      assert.equal(remote.received[0]?.body.type, "Create");
      assert.equal(remote.received[0]?.body.object.id, status.uri);

      const id = await remoteStatus(rig(), "930001", fixtures.carol.id, "public");
      const faved = await alice.v1.statuses.$select(id).favourite();
      assert.equal(faved.favourited, true);
      await flushDeliveries(rig());
      assert.equal(remote.received[1]?.body.type, "Like");

      // carol's server asked to follow bob (locked): bob accepts.
      const at = rig().clock.now().toISOString();
      await rig()
        .ctx.db.insertInto("follow_requests")
        .values({
          id: rig().ctx.newId(),
          account_id: fixtures.carol.id,
          target_account_id: fixtures.bob.id,
          uri: "https://remote.test/follows/42",
          created_at: at,
          updated_at: at,
        })
        .execute();
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write follow"));
      const relationship = await bob.v1.followRequests.$select(fixtures.carol.id).authorize();
      assert.equal(relationship.followedBy, true);
      await flushDeliveries(rig());
      const accept = remote.received[2]?.body;
      assert.equal(accept.type, "Accept");
      assert.equal(accept.object.type, "Follow");
      assert.equal(accept.object.id, "https://remote.test/follows/42");
      assert.equal(accept.object.actor, `${remote.url}/users/carol`);
    });
  },
  { listen: true, env: PRIVATE_FEDERATION },
);
