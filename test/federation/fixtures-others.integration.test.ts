// Recorded Hubzilla, Friendica, Mitra and Pixelfed payloads (PROVENANCE.md beside each)
// delivered by a fake peer that serves their actors (the recorded actor document where there
// is one) and signs each delivery, or fetched from it the way a lookup does, then looked at
// through the client API as a user of ours sees them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { deliverAndRun, load, type Peer, startPeer } from "./fixtures-kit.ts";
import { AS, accountByUri, statusesByUri } from "./inbox-kit.ts";

const HOSTS = [
  "hub.somaton.com",
  "soc.schuerz.at",
  "lemmy.schuerz.at",
  "mitra.social",
  "voyager.lemmy.ml",
  "pixelfed.test",
];

describeEachDatabase(
  "recorded Hubzilla, Friendica, Mitra and Pixelfed payloads",
  (rig) => {
    let peer: Peer;
    let alice: string;
    let aliceUri: string;
    const f = (path: string, replace: Record<string, string> = {}) =>
      load(path, peer, HOSTS, replace);
    async function statusOf(uri: string): Promise<Json> {
      const [row] = await statusesByUri(rig(), uri);
      assert.ok(row !== undefined, `${uri} is stored`);
      const res = await call(rig(), "GET", `/api/v1/statuses/${row.id}`, alice);
      assert.equal(res.status, 200);
      return res.body;
    }

    before(async () => {
      peer = await startPeer();
      alice = await createToken(rig().ctx, "alice", "read write follow");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
    });
    after(async () => {
      await peer.close();
    });

    test("hubzilla/actor-person.json: a channel as an account", async () => {
      // The document names Hubzilla's own context on its host (/apschema/v1.9), which defines
      // Hubzilla's extra terms; the recorded actor uses none of them, so a stand-in will do.
      peer.docs.set("/apschema/v1.9", { "@context": { zot: `${peer.base}/apschema#` } });
      const id = await peer.actor(f("hubzilla/actor-person.json"));
      const res = await call(
        rig(),
        "GET",
        `/api/v2/search?q=${encodeURIComponent(id)}&resolve=true&type=accounts`,
        alice,
      );
      assert.equal(res.body.accounts.length, 1);
      const a = res.body.accounts[0];
      assert.equal(a.acct, `testc6@${peer.host}`);
      assert.equal(a.display_name, "testc6 lala");
      assert.equal(a.url, id);
      assert.match(a.avatar, /\/photo\/profile\/l\/33$/);
    });

    test("friendica/create-note.json: a public reply mentioning alice, in German", async () => {
      const jakob = await peer.person("/profile/jakob", { preferredUsername: "jakob" });
      // The recorded mention is of a Lemmy user; ours is alice.
      const create = f("friendica/create-note.json", {
        "https://lemmy.schuerz.at/u/jakob": aliceUri,
      });
      await deliverAndRun(rig(), peer, jakob, create);
      const s = await statusOf((create.object as Json).id);
      assert.equal(s.visibility, "public");
      assert.equal(s.language, "de");
      assert.equal(s.url, (create.object as Json).url);
      assert.deepEqual(
        s.mentions.map((m: Json) => m.id),
        [rig().fixtures.alice.id],
      );
      assert.match(s.content, /test/);
    });

    test("mitra/create-note-integrity-proof.json: a public post, in Danish", async () => {
      const test = await peer.person("/users/test");
      const create = f("mitra/create-note-integrity-proof.json");
      // The recorded FEP-8b32 proof signs the original hosts and cannot survive the rewrite;
      // the peer's HTTP signature authenticates the delivery, as for every other payload.
      delete create.proof;
      await deliverAndRun(rig(), peer, test, create);
      const s = await statusOf((create.object as Json).id);
      assert.equal(s.content, "<p>Remote post 5</p>");
      assert.equal(s.language, "da");
      assert.equal(s.visibility, "public");
    });

    test("pixelfed/story.json: refused as invalid (not a 500), and nothing shows", async () => {
      const dansup = await peer.person("/users/dansup");
      const story = f("pixelfed/story.json");
      // Its `"duration": 3` is no xsd:duration; Pixelfed's own servers are the only readers.
      const status = await peer.deliver(rig(), dansup, {
        "@context": AS,
        id: `${story.id}/activity`,
        type: "Create",
        actor: dansup,
        to: story.to,
        object: story,
      });
      assert.equal(status, 400);
      // Without it, a Story is still no type Mastodon shows: taken (202) and ignored.
      const { duration: _, ...valid } = story;
      await deliverAndRun(rig(), peer, dansup, {
        "@context": AS,
        id: `${story.id}/activity`,
        type: "Create",
        actor: dansup,
        to: story.to,
        object: valid,
      });
      assert.equal((await statusesByUri(rig(), story.id as string)).length, 0);
      const account = await accountByUri(rig(), dansup);
      if (account !== undefined) {
        const res = await call(rig(), "GET", `/api/v1/accounts/${account.id}/statuses`, alice);
        assert.deepEqual(res.body, []);
      }
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
