// Outgoing Flag and Move, as the fake remote server receives them: a forwarded report goes
// from the instance actor (signed by it) to the reported account's shared inbox, naming the
// actor and the posts, with the comment; an unforwarded one sends nothing. A local account
// that moves sends Move to its remote followers, its actor shows `movedTo` (and the new
// account's `alsoKnownAs`), and its local followers follow the new account instead.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { enqueueDelivery } from "../../src/services/federation/enqueue-delivery.ts";
import { addAlias } from "../../src/services/moves/aliases.ts";
import { moveAccount } from "../../src/services/moves/move-account.ts";
import { remoteStatus } from "../api/domain-blocks-kit.ts";
import { setPassword } from "../api/oauth-kit.ts";
import { call } from "../api/statuses-kit.ts";
import { masto } from "../rig/clients.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  flushDeliveries,
  PRIVATE_FEDERATION,
  pointCarolAt,
  type RemoteServer,
  remoteFollows,
  startRemote,
  verifiedSigner,
} from "./outbox-kit.ts";

describeEachDatabase(
  "outbox: reports and moves",
  (rig) => {
    let remote: RemoteServer;
    let alice: string;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(() => remote.close());
    beforeEach(async () => {
      await flushDeliveries(rig());
      remote.received.length = 0;
    });

    test("a forwarded report: Flag from the instance actor to the shared inbox", async () => {
      const carol = rig().fixtures.carol.id;
      await remoteStatus(rig(), "900001", carol, "public");
      const res = await call(rig(), "POST", "/api/v1/reports", alice, {
        account_id: carol,
        status_ids: ["900001"],
        comment: "harassment",
        forward: true,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((res.body as { forwarded: boolean }).forwarded, true);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 1);
      const [flag] = remote.received;
      assert.equal(flag?.path, "/inbox");
      const instance = `${rig().config.baseUrl}/actor`;
      assert.equal(flag?.body.type, "Flag");
      assert.equal(flag?.body.actor, instance);
      assert.deepEqual(flag?.body.object, [
        `${remote.url}/users/carol`,
        "https://remote.test/statuses/900001",
      ]);
      assert.equal(flag?.body.content, "harassment");
      // The reporter is never named.
      assert.ok(!flag?.raw.includes(`/ap/users/${rig().fixtures.alice.id}`));
      assert.equal(await verifiedSigner(rig(), remote, flag!), instance);
    });

    test("an unforwarded report (filed with masto.js) sends nothing", async () => {
      const report = await masto(rig(), alice).v1.reports.create({
        accountId: rig().fixtures.carol.id,
        comment: "keep it here",
        category: "other",
      });
      // masto.js camel-cases the entity; the raw one is spec-checked in the other tests.
      assert.equal(report.forwarded, false);
      assert.equal(report.targetAccount.id, rig().fixtures.carol.id);
      await flushDeliveries(rig());
      assert.equal(remote.received.length, 0);
    });

    test("moving away: Move to remote followers, local followers follow the target", async () => {
      const { alice: a, bob: b, admin } = rig().fixtures;
      const base = rig().config.baseUrl;
      await remoteFollows(rig(), rig().fixtures.carol.id, a.id);
      await remoteFollows(rig(), admin.id, a.id);
      await setPassword(rig(), "alice");
      // bob is the new account: it lists alice first.
      const alias = await addAlias(rig().ctx, b.id, `@alice@${rig().config.domain}`);
      assert.equal(alias.type, "ok");
      const moved = await moveAccount(rig().ctx, a.user.id, {
        acct: "@bob",
        password: a.user.password,
      });
      assert.equal(moved.type, "ok", JSON.stringify(moved));
      if (moved.type === "ok") await enqueueDelivery(rig().ctx, "account", a.id, moved.federate);
      await flushDeliveries(rig());
      const aliceIri = `${base}/ap/users/${a.id}`;
      const bobIri = `${base}/ap/users/${b.id}`;
      const move = remote.received.find((r) => r.body.type === "Move");
      assert.ok(move, JSON.stringify(remote.received.map((r) => r.body.type)));
      assert.equal(move.body.actor, aliceIri);
      assert.equal(move.body.object, aliceIri);
      assert.equal(move.body.target, bobIri);
      assert.equal(await verifiedSigner(rig(), remote, move), aliceIri);
      const update = remote.received.find((r) => r.body.type === "Update");
      assert.equal(update?.body.object.movedTo, bobIri);
      // The actor documents as servers read them.
      const doc = async (iri: string) =>
        (
          await rig().request(new URL(iri).pathname, {
            headers: { accept: "application/activity+json" },
          })
        ).json() as Promise<Record<string, unknown>>;
      assert.equal((await doc(aliceIri)).movedTo, bobIri);
      // One alias compacts to a plain string (JSON-LD); receivers read either form.
      assert.deepEqual([(await doc(bobIri)).alsoKnownAs].flat(), [aliceIri]);
      // admin (local) now follows bob and no longer alice; the API shows where alice went.
      const follows = await rig()
        .ctx.db.selectFrom("follows")
        .select("target_account_id")
        .where("account_id", "=", admin.id)
        .execute();
      assert.deepEqual(
        follows.map((f) => String(f.target_account_id)),
        [b.id],
      );
      const shown = await call(rig(), "GET", `/api/v1/accounts/${a.id}`, alice);
      assertSpec("GET", "/api/v1/accounts/{id}", 200, shown.body);
      assert.equal((shown.body as { moved: { id: string } }).moved.id, b.id);
    });
  },
  { listen: true, env: PRIVATE_FEDERATION },
);
