// Outgoing deliveries of profile-level and whole-account actions: pinned posts (Add / Remove
// to followers), featured hashtags (Update(Person)), a vote on a remote poll (a Note per
// choice to its author), a domain block's Undo(Follow), the Delete(actor) of a deleted account to everyone
// it followed or was followed by — and nothing for changes whose actor is remote (the inbox
// calls the same services, which then name no activity).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { insertPoll } from "../../src/repos/polls.ts";
import { enqueueDelivery } from "../../src/services/federation/enqueue-delivery.ts";
import { favourite } from "../../src/services/interactions/favourite.ts";
import { block } from "../../src/services/relationships/block.ts";
import { unfollow } from "../../src/services/relationships/unfollow.ts";
import { remoteStatus } from "../api/domain-blocks-kit.ts";
import { setPassword } from "../api/oauth-kit.ts";
import { call, post } from "../api/statuses-kit.ts";
import { signedIn, submit } from "../pages/settings-kit.ts";
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
  "outbox: accounts",
  (rig) => {
    let remote: RemoteServer;
    let alice: string;
    let bob: string;
    let aliceIri: string;
    let carolIri: string;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      alice = await createToken(rig().ctx, "alice", "read write");
      bob = await createToken(rig().ctx, "bob", "read write");
      aliceIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      carolIri = `${remote.url}/users/carol`;
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.alice.id);
    });
    after(() => remote.close());
    beforeEach(async () => {
      await flushDeliveries(rig());
      remote.received.length = 0;
    });

    test("pinning and unpinning: Add and Remove on the featured collection", async () => {
      const status = await post(rig(), alice, { status: "pin me" });
      await flushDeliveries(rig());
      remote.received.length = 0;
      await call(rig(), "POST", `/api/v1/statuses/${status.id}/pin`, alice);
      await call(rig(), "POST", `/api/v1/statuses/${status.id}/unpin`, alice);
      await flushDeliveries(rig());
      const [add, remove] = remote.received.map((r) => r.body);
      assert.equal(add.type, "Add");
      assert.equal(add.object, `${rig().config.baseUrl}/ap/statuses/${status.id}`);
      assert.equal(add.target, `${aliceIri}/collections/featured`);
      assert.equal(remove.type, "Remove");
      assert.equal(remove.target, `${aliceIri}/collections/featured`);
    });

    test("featuring a hashtag: Update(Person) naming the featured tags collection", async () => {
      const res = await call(rig(), "POST", "/api/v1/featured_tags", alice, { name: "Cats" });
      assert.equal(res.status, 200);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const update = remote.received[0]?.body;
      assert.equal(update.type, "Update");
      assert.equal(update.actor, aliceIri);
      assert.equal(update.object.id, aliceIri);
      assert.equal(update.object.featuredTags, `${aliceIri}/collections/tags`);
    });

    test("profile edits in a row: one Update(Person) with the profile as it ends up", async () => {
      for (const name of ["Alice A.", "Alice B."]) {
        const res = await rig().send(
          "PATCH",
          "/api/v1/accounts/update_credentials",
          { display_name: name },
          { headers: { authorization: `Bearer ${alice}` } },
        );
        assert.equal(res.status, 200);
      }
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const update = remote.received[0]?.body;
      assert.equal(update.type, "Update");
      assert.equal(update.object.type, "Person");
      assert.equal(update.object.name, "Alice B.");
    });

    test("a vote on carol's poll: a Note named after the choice, to carol only", async () => {
      const id = await remoteStatus(rig(), "920001", rig().fixtures.carol.id, "public");
      const at = rig().clock.now().toISOString();
      await insertPoll(rig().ctx.db, {
        id: "920002",
        statusId: id,
        accountId: rig().fixtures.carol.id,
        options: ["tea", "coffee"],
        multiple: false,
        hideTotals: false,
        expiresAt: new Date(rig().clock.now().getTime() + 86_400_000).toISOString(),
        at,
      });
      const voted = await call(rig(), "POST", "/api/v1/polls/920002/votes", bob, {
        choices: ["1"],
      });
      assert.equal(voted.status, 200);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const create = remote.received[0]?.body;
      assert.equal(create.type, "Create");
      assert.equal(create.object.type, "Note");
      assert.equal(create.object.name, "coffee");
      assert.equal(create.object.inReplyTo, "https://remote.test/statuses/920001");
      assert.equal(create.to, carolIri);
    });

    test("a domain block undoes the follow across it", async () => {
      await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.carol.id}/follow`, bob);
      // carol's server accepted it.
      await rig()
        .ctx.db.deleteFrom("follow_requests")
        .where("account_id", "=", rig().fixtures.bob.id)
        .execute();
      await rig()
        .ctx.db.insertInto("follows")
        .values({
          id: rig().ctx.newId(),
          account_id: rig().fixtures.bob.id,
          target_account_id: rig().fixtures.carol.id,
          created_at: rig().clock.now().toISOString(),
          updated_at: rig().clock.now().toISOString(),
        })
        .execute();
      await flushDeliveries(rig());
      remote.received.length = 0;
      const res = await rig().send(
        "POST",
        "/api/v1/domain_blocks",
        { domain: "remote.test" },
        {
          headers: { authorization: `Bearer ${bob}` },
        },
      );
      assert.equal(res.status, 200);
      await flushDeliveries(rig());
      const undo = remote.received.find((r) => r.body.type === "Undo")?.body;
      assert.ok(undo, "an Undo went out");
      assert.equal(undo.object.type, "Follow");
      assert.equal(undo.object.object, carolIri);
      await rig().send(
        "DELETE",
        "/api/v1/domain_blocks",
        { domain: "remote.test" },
        {
          headers: { authorization: `Bearer ${bob}` },
        },
      );
    });

    test("services called for a remote actor (the inbox) name nothing to deliver", async () => {
      const carol = rig().fixtures.carol.id;
      const status = await post(rig(), alice, { status: "liked from afar" });
      await flushDeliveries(rig());
      remote.received.length = 0;
      const blocked = await block(rig().ctx, carol, rig().fixtures.bob.id);
      assert.equal(blocked.type === "ok" ? blocked.federate : undefined, null);
      const unfollowed = await unfollow(rig().ctx, carol, rig().fixtures.bob.id);
      assert.equal(unfollowed.type === "ok" ? unfollowed.federate : undefined, null);
      // favourite() names a Like whoever acts; a delivery asked for a remote actor sends nothing.
      const liked = await favourite(rig().ctx, carol, status.id);
      assert.equal(liked.type, "ok");
      if (liked.type === "ok")
        await enqueueDelivery(rig().ctx, "interaction", carol, liked.federate);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 0);
    });

    test("deleting an account sends Delete(actor) to its remote audience", async () => {
      // bob is followed by carol (and follows nobody remote any more).
      await remoteFollows(rig(), rig().fixtures.carol.id, rig().fixtures.bob.id);
      await setPassword(rig(), "bob");
      const user = rig().fixtures.bob.user;
      const jar = await signedIn(rig(), { email: user.email, password: user.password });
      const path = "/settings/delete";
      const res = await submit(rig(), jar, path, path, { current_password: user.password });
      assert.equal(res.status, 200, res.text);
      await flushDeliveries(rig());
      const bobIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.bob.id}`;
      const deletes = remote.received.filter((r) => r.body.type === "Delete");
      assert.equal(deletes.length, 1);
      const del = deletes[0]!;
      assert.equal(del.body.actor, bobIri);
      assert.equal(del.body.object, bobIri);
      assert.equal(del.path, "/inbox");
      // Signed with the deleted account's own key (it keeps it for this).
      assert.match(String(del.headers["signature-input"] ?? del.headers.signature), /main-key/);
    });
  },
  { env: PRIVATE_FEDERATION },
);
