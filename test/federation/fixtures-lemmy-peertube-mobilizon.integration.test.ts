// Recorded Lemmy, PeerTube and Mobilizon payloads (PROVENANCE.md beside each) delivered by a
// fake peer that serves their actors (the recorded actor document where there is one) and
// signs each delivery, or fetched from it the way a lookup does, then looked at through the
// client API as a user of ours sees them: communities as group accounts, posts, videos and
// events as statuses with a title and a link (as Mastodon shows them). Lemmy's test assets
// carry no @context (Lemmy sends one); the tests add ActivityStreams'. Already covered
// elsewhere: announce-create-page and flag-report-page (inbox-objects, inbox-flag).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { deliverAndRun, load, type Peer, startPeer } from "./fixtures-kit.ts";
import { AS, statusesByUri } from "./inbox-kit.ts";

const HOSTS = ["enterprise.lemmy.ml", "ds9.lemmy.ml", "tilvids.com", "rendezvous.nomagic.uk"];

describeEachDatabase(
  "recorded Lemmy, PeerTube and Mobilizon payloads",
  (rig) => {
    let peer: Peer;
    let alice: string;
    let aliceUri: string;
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

    before(async () => {
      peer = await startPeer();
      alice = await createToken(rig().ctx, "alice", "read write follow");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
    });
    after(async () => {
      await peer.close();
    });

    test("lemmy/group.json: a community is a group account", async () => {
      const a = await search(await peer.actor(f("lemmy/group.json")), "accounts");
      assert.equal(a.acct, `tenforward@${peer.host}`);
      assert.equal(a.display_name, "Ten Forward");
      assert.match(a.note, /Lounge and recreation facility/);
      assert.match(a.avatar, /waqyZwLAy4\.webp$/);
      assert.equal(a.group, true);
    });

    test("lemmy/instance-application.json: an instance actor is a bot account", async () => {
      const doc = f("lemmy/instance-application.json");
      const a = await search(await peer.actor(doc), "accounts");
      assert.equal(a.display_name, "Enterprise");
      assert.equal(a.bot, true);
      assert.equal(a.group, false);
    });

    test("lemmy/create-page.json: a post shown with its title, text and link", async () => {
      const alpha = await peer.person("/u/lemmy_alpha");
      const create: Json = { "@context": AS, ...f("lemmy/create-page.json") };
      await deliverAndRun(rig(), peer, alpha, create);
      const page = create.object as Json;
      const s = await statusOf(page.id);
      assert.match(s.content, /<strong>test post<\/strong>/);
      assert.match(s.content, /test body/);
      assert.ok(s.content.includes(`href="${page.id}"`), "a link to the post");
      assert.equal(s.account.acct, `lemmy_alpha@${peer.host}`);
      assert.equal(s.visibility, "public");
      // Lemmy's `language` object is its own; Mastodon reads only contentMap, and shows none.
      assert.equal(s.language, null);
    });

    test("lemmy/like-note.json: an upvote of our post is a favourite", async () => {
      const alpha = `${peer.base}/u/lemmy_alpha`;
      const mine = await post(rig(), alice, { status: "upvote me" });
      const like = f("lemmy/like-note.json", { "http://ds9.lemmy.ml/comment/1": mine.uri });
      await deliverAndRun(rig(), peer, alpha, { "@context": AS, ...like });
      const res = await call(rig(), "GET", `/api/v1/statuses/${mine.id}`, alice);
      assert.equal(res.body.favourites_count, 1);
    });

    test("lemmy/block-user.json: a ban of alice from a community blocks her", async () => {
      const beta = await peer.person("/u/lemmy_beta");
      const block = f("lemmy/block-user.json", { "http://ds9.lemmy.ml/u/lemmy_alpha": aliceUri });
      await deliverAndRun(rig(), peer, beta, { "@context": AS, ...block });
      const account = await search(beta, "accounts");
      const rel = await call(
        rig(),
        "GET",
        `/api/v1/accounts/relationships?id[]=${account.id}`,
        alice,
      );
      assert.equal(rel.body[0].blocked_by, true);
    });

    test("peertube/announce-video.json + video.json: the channel's boost of a video", async () => {
      await peer.person("/accounts/thelinuxexperiment");
      const channel = await peer.person("/video-channels/thelinuxexperiment_channel", {
        type: "Group",
      });
      const video = f("peertube/video.json");
      peer.docs.set(new URL(video.id as string).pathname, video);
      const announce = f("peertube/announce-video.json");
      await deliverAndRun(rig(), peer, channel, announce);
      const s = await statusOf(video.id as string);
      assert.match(s.content, /Mesa, Wayland &amp; X\.org in trouble/);
      assert.ok(s.content.includes(`href="${video.id}"`), "a link to the video");
      assert.equal(s.account.acct, `thelinuxexperiment@${peer.host}`);
      const [boost] = await statusesByUri(rig(), announce.id as string);
      assert.ok(boost !== undefined, "the channel's Announce is a boost");
      const shown = await call(rig(), "GET", `/api/v1/statuses/${boost.id}`, alice);
      assert.equal(shown.body.reblog.id, s.id);
    });

    test("mobilizon/event.json: an event shown with its title and link", async () => {
      await peer.person("/@devon_caledonian_society", {
        type: "Group",
        preferredUsername: "devon_caledonian_society",
      });
      await peer.person("/@emorrp1", { preferredUsername: "emorrp1" });
      const event = f("mobilizon/event.json");
      peer.docs.set(new URL(event.id as string).pathname, event);
      const s = await search(event.id as string, "statuses");
      assert.match(s.content, /<strong>Caledonian scottish dance class<\/strong>/);
      assert.match(s.content, /ceilidh/);
      assert.ok(s.content.includes(`href="${event.url}"`), "a link to the event");
      assert.equal(s.account.acct, `devon_caledonian_society@${peer.host}`);
      assert.deepEqual(s.tags.map((t: Json) => t.name.toLowerCase()).sort(), [
        "caledonian",
        "dance",
        "lesson",
      ]);
      assert.equal(s.media_attachments.length, 1);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
