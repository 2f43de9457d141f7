// Recorded Pleroma, Misskey and GoToSocial payloads (PROVENANCE.md beside each) delivered by
// a fake peer that serves their actors (the recorded actor document where there is one) and
// signs each delivery, or fetched from it the way a lookup does, then looked at through the
// client API as a user of ours sees them. Pleroma's documents name their litepub context on
// their own host: the peer serves Pleroma's published copy (pleroma/litepub-0.1.jsonld).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { OrderedCollectionPage } from "@fedify/vocab";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { deliverAndRun, load, type Peer, startPeer } from "./fixtures-kit.ts";
import { PUBLIC, statusesByUri } from "./inbox-kit.ts";

const HOSTS = [
  "queer.hacktivis.me",
  "greenish.red",
  "patch.cx",
  "misskey.io",
  "misskey.xyz",
  "mastodon.example.org",
  "example.org",
];
const LITEPUB = JSON.parse(
  readFileSync(
    new URL("../fixtures/activitypub/pleroma/litepub-0.1.jsonld", import.meta.url),
    "utf8",
  ),
);

describeEachDatabase(
  "recorded Pleroma, Misskey and GoToSocial payloads",
  (rig) => {
    let peer: Peer;
    let alice: string;
    let aliceUri: string;
    let localPost: Json;
    let admin: string; // the recorded senders of the reaction and the Misskey Like
    const f = (path: string, replace: Record<string, string> = {}) =>
      load(path, peer, HOSTS, replace);
    async function search(q: string, type: "accounts" | "statuses"): Promise<Json> {
      const query = `q=${encodeURIComponent(q)}&resolve=true&type=${type}`;
      const res = await call(rig(), "GET", `/api/v2/search?${query}`, alice);
      assert.equal(res.status, 200);
      assert.equal(res.body[type].length, 1, `${q} resolves`);
      return res.body[type][0];
    }
    async function statusOf(uri: string): Promise<Json> {
      const [row] = await statusesByUri(rig(), uri);
      assert.ok(row !== undefined, `${uri} is stored`);
      const res = await call(rig(), "GET", `/api/v1/statuses/${row.id}`, alice);
      assert.equal(res.status, 200);
      return res.body;
    }
    const favourites = async () =>
      (await call(rig(), "GET", `/api/v1/statuses/${localPost.id}`, alice)).body.favourites_count;

    before(async () => {
      peer = await startPeer();
      peer.docs.set("/schemas/litepub-0.1.jsonld", LITEPUB);
      alice = await createToken(rig().ctx, "alice", "read write follow");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      localPost = await post(rig(), alice, { status: "react to me" });
      admin = await peer.person("/users/admin");
    });
    after(async () => {
      await peer.close();
    });

    test("pleroma/actor-person.json: name with custom emoji, bio, pictures", async () => {
      const a = await search(await peer.actor(f("pleroma/actor-person.json")), "accounts");
      assert.equal(a.acct, `lanodan@${peer.host}`);
      assert.equal(a.display_name, "Haelwenn /элвэн/ :bzh:");
      assert.match(a.note, /Pleroma maintainer/);
      assert.deepEqual(a.emojis.map((e: Json) => e.shortcode).sort(), ["anarchy", "bzh", "gentoo"]);
      assert.match(a.avatar, /avatar_HD\.png$/);
      assert.equal(a.discoverable, false);
    });

    test("pleroma/note-custom-emoji-in-summary.json: CW and text with custom emoji", async () => {
      await peer.person("/users/rin");
      const note = f("pleroma/note-custom-emoji-in-summary.json");
      peer.docs.set(new URL(note.id as string).pathname, note);
      const s = await search(note.id as string, "statuses");
      assert.equal(s.spoiler_text.trim(), ":joker_smile:");
      assert.match(s.content, /:joker_disapprove:/);
      assert.equal(s.visibility, "public");
      assert.deepEqual(s.emojis.map((e: Json) => e.shortcode).sort(), [
        "joker_disapprove",
        "joker_smile",
      ]);
    });

    test("pleroma/create-note.json: a public post mentioning alice", async () => {
      const nutomic = await peer.person("/users/nutomic");
      // The recorded mention is of a Lemmy user; ours is alice.
      const create = f("pleroma/create-note.json", {
        "https://enterprise.lemmy.ml/u/picard": aliceUri,
      });
      await deliverAndRun(rig(), peer, nutomic, create);
      const s = await statusOf((create.object as Json).id);
      assert.equal(s.visibility, "public");
      assert.equal(s.account.acct, `nutomic@${peer.host}`);
      assert.deepEqual(
        s.mentions.map((m: Json) => m.id),
        [rig().fixtures.alice.id],
      );
      assert.match(s.content, /test$/);
    });

    test("pleroma/emoji-react-unicode.json: an emoji reaction counts as a favourite", async () => {
      const react = f("pleroma/emoji-react-unicode.json", {
        "http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454":
          localPost.uri,
      });
      // Pleroma's fixture has Mastodon's context, which does not define EmojiReact; Pleroma
      // sends its litepub context, which does (as JSON-LD nothing would name the type).
      react["@context"] = [
        "https://www.w3.org/ns/activitystreams",
        `${peer.base}/schemas/litepub-0.1.jsonld`,
      ];
      const was = await favourites();
      await deliverAndRun(rig(), peer, admin, react);
      assert.equal(await favourites(), was + 1);
    });

    test("misskey/actor-person.json: a discoverable cat", async () => {
      const a = await search(await peer.actor(f("misskey/actor-person.json")), "accounts");
      assert.equal(a.acct, `aimu@${peer.host}`);
      assert.equal(a.display_name, "あいむ");
      assert.equal(a.locked, false);
      assert.equal(a.discoverable, true);
      assert.match(a.note, /soundcloud\.com\/aimu-53/);
      assert.match(a.header, /webpublic-2db63d1d/);
    });

    test("misskey/like-with-reaction.json: a favourite", async () => {
      // Another post: the same recorded sender reacted to the first one already.
      const liked = await post(rig(), alice, { status: "like me" });
      const like = f("misskey/like-with-reaction.json", {
        "https://testing.pleroma.lol/objects/c331bbf7-2eb9-4801-a709-2a6103492a5a": liked.uri,
      });
      // Recorded with its id on misskey.xyz and its actor on mastodon.example.org; both are
      // the peer here, so the id is on its actor's server, as we require.
      await deliverAndRun(rig(), peer, admin, like);
      const res = await call(rig(), "GET", `/api/v1/statuses/${liked.id}`, alice);
      assert.equal(res.body.favourites_count, 1);
    });

    test("misskey/note-quote.json: a quote of our post, with its RE: fallback", async () => {
      await peer.person("/users/7rkrarq81i");
      const note = f("misskey/note-quote.json", {
        "https://misskey.io/notes/8vs6wxufd0": localPost.uri,
      });
      peer.docs.set(new URL(note.id as string).pathname, note);
      const s = await search(note.id as string, "statuses");
      assert.match(s.content, /投稿者の設定によるね/);
      assert.equal(s.quote?.state, "accepted");
      assert.equal(s.quote?.quoted_status?.id, localPost.id);
    });

    // GoToSocial's documented example lists schema.org's context after ActivityStreams';
    // as JSON-LD, schema.org would name the type (schema:Person) and Fedify find no actor.
    // Our loader narrows that context to Mastodon's two schema.org terms
    // (src/federation/context-quirks.ts), as Mastodon reads it.
    test("gotosocial/actor-person-fields.json: fields, locked", async () => {
      const a = await search(
        await peer.actor(f("gotosocial/actor-person-fields.json")),
        "accounts",
      );
      assert.equal(a.display_name, "happy little turtle :3");
      assert.equal(a.locked, true);
      assert.deepEqual(
        a.fields.map((x: Json) => [x.name, x.value]),
        [
          ["should you follow me?", "maybe!"],
          ["age", "120"],
        ],
      );
    });

    test("gotosocial/outbox-page.json: the outbox behind a profile's post count", async () => {
      const page = f("gotosocial/outbox-page.json");
      const outbox = `${peer.base}/users/whatever/outbox`;
      peer.docs.set("/users/whatever/outbox?page=true", page);
      peer.docs.set("/users/whatever/outbox", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: outbox,
        type: "OrderedCollection",
        totalItems: 1,
        first: page.id,
      });
      const id = await peer.person("/users/whatever", { outbox });
      const a = await search(id, "accounts");
      assert.equal(a.statuses_count, 1);
      // The page itself, as Fedify reads it for us (the recorded one has no @context).
      const parsed = await OrderedCollectionPage.fromJsonLd({
        "@context": "https://www.w3.org/ns/activitystreams",
        ...page,
      });
      assert.equal(parsed.partOfId?.href, outbox);
      assert.match(parsed.nextId?.href ?? "", /max_id=01FJC1Q0E3SSQR59TD2M1KP4V8/);
      assert.deepEqual(
        parsed.itemIds.map((u) => u.href),
        [`${id}/statuses/01FJC1MKPVX2VMWP2ST93Q90K7/activity`],
      );
    });

    test("gotosocial/accept-reply-approval.json: an approval of alice's reply changes nothing she sees", async () => {
      const author = await peer.person("/users/post_author");
      const parent = `${author}/statuses/1`;
      peer.docs.set("/users/post_author/statuses/1", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: parent,
        type: "Note",
        attributedTo: author,
        content: "<p>reply to me</p>",
        to: [PUBLIC],
      });
      const original = await search(parent, "statuses");
      const reply = await post(rig(), alice, { status: "a reply", in_reply_to_id: original.id });
      const accept = f("gotosocial/accept-reply-approval.json", {
        "https://somewhere.else.example.org/users/someone/statuses/01J17XY2VXGMNNPH1XR7BG2524":
          reply.uri,
        "https://somewhere.else.example.org/users/someone": aliceUri,
      });
      await deliverAndRun(rig(), peer, author, accept);
      const res = await call(rig(), "GET", `/api/v1/statuses/${reply.id}`, alice);
      assert.equal(res.status, 200);
      assert.equal(res.body.in_reply_to_id, original.id);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
