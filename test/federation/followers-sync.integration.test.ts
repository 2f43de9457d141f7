// FEP-8fcf. Sending: a followers-only post reaches a remote server with the
// `Collection-Synchronization` header (our followers collection, the partial collection's URL,
// the digest of that server's followers), and the partial collection lists only the
// followers on the asking server's domain. Receiving: a digest that differs from our follows
// of the sender makes us read its partial collection (within bounds) and drop the follows
// it does not list.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, beforeEach, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { post } from "../api/statuses-kit.ts";
import { accountRow, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import { type Remote, runFedify, startRemote as startInboxRemote } from "./inbox-kit.ts";
import {
  flushDeliveries,
  type Json,
  PRIVATE_FEDERATION,
  pointCarolAt,
  type RemoteServer,
  remoteFollows,
  startRemote,
} from "./outbox-kit.ts";

/** Mastodon's digest: hex of the XOR of the SHA-256 of each follower id. */
function digestOf(ids: string[]): string {
  const out = Buffer.alloc(32);
  for (const id of ids) {
    const h = createHash("sha256").update(id).digest();
    for (let i = 0; i < 32; i++) out[i]! ^= h[i]!;
  }
  return out.toString("hex");
}

/** The header's `key="value"` pairs. */
function parseSync(header: string): Record<string, string> {
  return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describeEachDatabase(
  "followers synchronisation (FEP-8fcf), outgoing",
  (rig) => {
    let remote: RemoteServer;
    let alice: string;
    let aliceIri: string;
    let daveUri: string;
    before(async () => {
      remote = await startRemote();
      await pointCarolAt(rig(), remote);
      alice = await createToken(rig().ctx, "alice");
      aliceIri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      // dave shares carol's server (and shared inbox); erin is elsewhere; bob is local.
      const dave = rig().ctx.newId();
      daveUri = `${remote.url}/users/dave`;
      const erin = rig().ctx.newId();
      await rig()
        .ctx.db.insertInto("accounts")
        .values([
          accountRow({
            id: dave,
            username: "dave",
            domain: remote.host,
            uri: daveUri,
            inbox_url: `${daveUri}/inbox`,
            shared_inbox_url: `${remote.url}/inbox`,
          }),
          accountRow({
            id: erin,
            username: "erin",
            domain: "elsewhere.test",
            inbox_url: "https://elsewhere.test/users/erin/inbox",
            shared_inbox_url: "https://elsewhere.test/inbox",
          }),
        ])
        .execute();
      for (const follower of [rig().fixtures.carol.id, dave, erin, rig().fixtures.bob.id])
        await remoteFollows(rig(), follower, rig().fixtures.alice.id);
    });
    after(() => remote.close());
    beforeEach(async () => {
      await flushDeliveries(rig());
      remote.received.length = 0;
    });

    const toRemote = () => remote.received.filter((r) => r.body?.type === "Create");

    test("a followers-only post carries the header with the digest of that server's followers", async () => {
      await post(rig(), alice, { status: "friends only", visibility: "private" });
      await flushDeliveries(rig());
      const got = toRemote();
      assert.equal(got.length, 1, "one delivery to the shared inbox");
      assert.equal(got[0]?.path, "/inbox");
      const header = got[0]?.headers["collection-synchronization"];
      assert.equal(typeof header, "string");
      const sync = parseSync(header as string);
      assert.equal(sync.collectionId, `${aliceIri}/followers`);
      const url = new URL(sync.url!);
      assert.equal(`${url.origin}${url.pathname}`, `${aliceIri}/followers`);
      assert.equal(url.searchParams.get("base-url"), `${remote.url}/`);
      assert.equal(sync.digest, digestOf([`${remote.url}/users/carol`, daveUri]));
    });

    test("a public post carries no header", async () => {
      await post(rig(), alice, { status: "for everyone" });
      await flushDeliveries(rig());
      assert.equal(toRemote().length, 1);
      assert.equal(toRemote()[0]?.headers["collection-synchronization"], undefined);
    });

    test("a mentioned follower gets the post once, through the shared inbox", async () => {
      await post(rig(), alice, {
        status: "@carol@remote.test only friends and you",
        visibility: "private",
      });
      await flushDeliveries(rig());
      const got = toRemote();
      assert.equal(got.length, 1);
      assert.equal(got[0]?.path, "/inbox");
      assert.ok(got[0]?.headers["collection-synchronization"]);
    });

    test("the partial collection lists only the followers on the asking server", async () => {
      const res = await rig().request(
        `/ap/users/${rig().fixtures.alice.id}/followers?base-url=${encodeURIComponent(`${remote.url}/`)}`,
        { headers: { accept: "application/activity+json" } },
      );
      assert.equal(res.status, 200);
      const body: Json = await res.json();
      const items: string[] = body.orderedItems ?? body.items ?? body.first?.orderedItems ?? [];
      assert.deepEqual(items.toSorted(), [`${remote.url}/users/carol`, daveUri].toSorted());
      // The whole collection, by contrast, has followers elsewhere and here.
      const accept = { headers: { accept: "application/activity+json" } };
      const whole: Json = await (
        await rig().request(`/ap/users/${rig().fixtures.alice.id}/followers`, accept)
      ).json();
      const first = new URL(whole.first);
      const page: Json = await (await rig().request(first.pathname + first.search, accept)).json();
      assert.ok(page.orderedItems.includes("https://elsewhere.test/users/erin"));
    });

    test("a base-url that is a prefix of another host lists nobody of that other host", async () => {
      const res = await rig().request(
        `/ap/users/${rig().fixtures.alice.id}/followers?base-url=${encodeURIComponent("https://elsewhere.tes/")}`,
        { headers: { accept: "application/activity+json" } },
      );
      const body: Json = await res.json();
      const items: string[] = body.orderedItems ?? body.items ?? body.first?.orderedItems ?? [];
      assert.deepEqual(items, []);
    });
  },
  { env: PRIVATE_FEDERATION },
);

describeEachDatabase(
  "followers synchronisation (FEP-8fcf), incoming",
  (rig) => {
    let remote: Remote;
    let mona: string;
    let monaId: string;
    let aliceUri: string;
    let bobUri: string;
    let n = 0;
    before(async () => {
      remote = await startInboxRemote();
      mona = await remote.addActor("mona");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      bobUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.bob.id}`;
      monaId = rig().ctx.newId();
      await rig()
        .ctx.db.insertInto("accounts")
        .values(
          accountRow({
            id: monaId,
            username: "mona",
            domain: remote.host,
            uri: mona,
            inbox_url: `${mona}/inbox`,
            shared_inbox_url: `${remote.base}/inbox`,
            followers_url: `${mona}/followers`,
          }),
        )
        .execute();
    });
    after(() => remote.close());
    beforeEach(async () => {
      // alice and bob both follow mona before each case.
      const { ctx, fixtures } = rig();
      await ctx.db.deleteFrom("follows").where("target_account_id", "=", monaId).execute();
      for (const id of [fixtures.alice.id, fixtures.bob.id]) await remoteFollows(rig(), id, monaId);
    });

    // Mastodon's partial collection is at /users/:name/followers_synchronization.
    const partialUrl = () => `${mona}/followers_synchronization`;
    const header = (ids: string[], url = partialUrl()) =>
      `collectionId="${mona}/followers", url="${url}", digest="${digestOf(ids)}"`;
    const followersOfMona = async () =>
      (
        await rig()
          .ctx.db.selectFrom("follows")
          .select("account_id")
          .where("target_account_id", "=", monaId)
          .execute()
      )
        .map((r) => String(r.account_id))
        .toSorted();
    const syncJobs = () =>
      rig()
        .ctx.db.selectFrom("jobs")
        .select("id")
        .where("type", "=", "account.sync-followers")
        .execute();
    /** A followers-only post of mona's, delivered to our shared inbox with `sync`. */
    async function deliverWith(sync: string) {
      const id = `${mona}/statuses/${++n}`;
      const status = await remote.deliver(
        rig(),
        "mona",
        {
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${id}/activity`,
          type: "Create",
          actor: mona,
          to: [`${mona}/followers`],
          object: {
            id,
            type: "Note",
            attributedTo: mona,
            to: [`${mona}/followers`],
            content: "<p>for my followers</p>",
            published: "2026-01-01T12:00:00Z",
          },
        },
        "/inbox",
        { "Collection-Synchronization": sync },
      );
      assert.equal(status, 202);
      await runFedify(rig());
    }

    test("a digest matching our follows changes nothing and fetches nothing", async () => {
      await deliverWith(header([aliceUri, bobUri]));
      assert.equal((await syncJobs()).length, 0);
      assert.deepEqual(
        await followersOfMona(),
        [rig().fixtures.alice.id, rig().fixtures.bob.id].toSorted(),
      );
    });

    test("a mismatch reads the partial collection and drops the follow it does not list", async () => {
      remote.objects.set("/users/mona/followers_synchronization", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: partialUrl(),
        type: "OrderedCollection",
        totalItems: 1,
        orderedItems: [aliceUri],
      });
      remote.received.length = 0;
      await deliverWith(header([aliceUri]));
      assert.equal((await syncJobs()).length, 1);
      await runDueJobs(rig().ctx);
      assert.deepEqual(await followersOfMona(), [rig().fixtures.alice.id]);
      // bob's server tells mona's: an Undo of bob's Follow.
      await runDueJobs(rig().ctx);
      await runFedify(rig());
      const undo = remote.received.find((a) => a.type === "Undo");
      assert.equal(undo?.actor, bobUri);
      assert.equal((undo?.object as Json | undefined)?.type, "Follow");
      // The API agrees: bob no longer follows mona.
      const bob = await createToken(rig().ctx, "bob", "read");
      const res = await rig().get<Json[]>(`/api/v1/accounts/relationships?id[]=${monaId}`, {
        headers: { authorization: `Bearer ${bob}` },
      });
      assertSpec("GET", "/api/v1/accounts/relationships", res.status, res.body);
      const body = res.body;
      assert.equal((body as Json[])[0]?.following, false);
    });

    test("a partial collection on another server is never read", async () => {
      await deliverWith(header([aliceUri], "https://elsewhere.test/followers?base-url=x"));
      assert.equal((await syncJobs()).length, 0);
      assert.equal((await followersOfMona()).length, 2);
    });

    test("a collection whose pages never end stops at the bound and removes nothing", async () => {
      remote.objects.set("/users/mona/followers_synchronization", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: partialUrl(),
        type: "OrderedCollection",
        first: `${mona}/followers-page`,
      });
      // Every page lists nobody and points at itself: a walk without end.
      remote.objects.set("/users/mona/followers-page", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${mona}/followers-page`,
        type: "OrderedCollectionPage",
        partOf: partialUrl(),
        orderedItems: [],
        next: `${mona}/followers-page`,
      });
      await deliverWith(header([]));
      assert.equal((await syncJobs()).length, 1);
      await runDueJobs(rig().ctx);
      assert.equal((await syncJobs()).length, 0, "the job ended");
      assert.equal((await followersOfMona()).length, 2);
    });
  },
  { listen: true, env: PRIVATE_FEDERATION },
);
