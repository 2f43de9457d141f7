// More of the inbox over real HTTP: polls, a group's redistribution (Lemmy), boosts of posts
// we did not have (fetched from their origin), emoji reactions, profile updates, and the
// deletion of a whole actor — including one whose key is already gone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import {
  AS,
  accountByUri,
  deliverAndRun,
  fedifyJobs,
  fixture,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

describeEachDatabase(
  "inbox objects",
  (rig) => {
    let remote: Remote;
    let alice: string;
    before(async () => {
      remote = await startRemote();
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(async () => {
      await remote.close();
    });

    test("Create(Question): a status with its poll", async () => {
      const rinpatch = await remote.addActor("rinpatch");
      const create = fixture("mastodon/create-question-poll.json", {
        "https://mastodon.sdf.org/users/rinpatch": rinpatch,
        "https://mastodon.sdf.org": remote.base,
      });
      const uri = (create.object as Json).id as string;
      await deliverAndRun(rig(), remote, "rinpatch", create);
      const [row] = await statusesByUri(rig(), uri);
      assert.ok(row !== undefined);
      const res = await call(rig(), "GET", `/api/v1/statuses/${row.id}`, alice);
      assert.equal(res.status, 200);
      assert.equal(res.body.language, "en");
      assert.equal(res.body.visibility, "public");
      const poll = res.body.poll;
      assert.deepEqual(
        poll.options.map((o: Json) => o.title),
        ["Dunno", "Everyone knows that!", "25 char limit is dumb", "I can't even fit a funny"],
      );
      assert.equal(poll.multiple, false);
      assert.equal(poll.expires_at, "2019-05-11T09:03:36.000Z");
    });

    test("a vote on our poll (a Note naming an option) counts once, stored as no post", async () => {
      const voter = await remote.addActor("voter");
      const status = await post(rig(), alice, {
        status: "pick one",
        poll: { options: ["tea", "coffee"], expires_in: 3600 },
      });
      const vote = (n: number) => ({
        "@context": AS,
        id: `${voter}#votes/${n}/activity`,
        type: "Create",
        actor: voter,
        to: [`${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`],
        object: {
          id: `${voter}#votes/${n}`,
          type: "Note",
          name: "coffee",
          attributedTo: voter,
          inReplyTo: status.uri,
        },
      });
      await deliverAndRun(rig(), remote, "voter", vote(1));
      await deliverAndRun(rig(), remote, "voter", vote(2));
      const res = await call(rig(), "GET", `/api/v1/polls/${(status.poll as Json).id}`, alice);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.options.map((o: Json) => o.votes_count),
        [0, 1],
      );
      assert.equal((await statusesByUri(rig(), `${voter}#votes/1`)).length, 0);
      // The new tallies are to go out as an Update of the poll (a delivery job, outbox side).
      const deliveries = await rig()
        .ctx.db.selectFrom("jobs")
        .select("payload")
        .where("type", "=", "federation.deliver")
        .execute();
      assert.ok(deliveries.some((d) => JSON.stringify(d.payload).includes('"kind":"poll"')));
    });

    test("a group's Announce(Create(Page)) stores the post as its author's, no boost", async () => {
      const group = await remote.addActor("main", { type: "Group" });
      const author = await remote.addActor("lemmy_beta");
      const announce = fixture("lemmy/announce-create-page.json", {
        "http://enterprise.lemmy.ml/c/main": group,
        "http://enterprise.lemmy.ml/u/lemmy_beta": author,
        "http://enterprise.lemmy.ml": remote.base,
      });
      // The recorded payload has no @context (Lemmy sends one; its test asset omits it).
      announce["@context"] = AS;
      const page = ((announce.object as Json).object as Json) ?? {};
      remote.objects.set("/post/7", { "@context": AS, ...page });
      await deliverAndRun(rig(), remote, "main", announce);
      const [row] = await statusesByUri(rig(), `${remote.base}/post/7`);
      assert.ok(row !== undefined, "the Page is stored");
      assert.equal(row.account_id, (await accountByUri(rig(), author))?.id);
      assert.match(row.content, /post 4/);
      assert.equal((await statusesByUri(rig(), announce.id as string)).length, 0, "no boost");
    });

    test("Announce of a post we did not have: fetched from its server, then boosted", async () => {
      const dora = await remote.addActor("dora");
      const booster = await remote.addActor("booster");
      const note = `${dora}/statuses/1`;
      remote.objects.set("/users/dora/statuses/1", {
        "@context": AS,
        id: note,
        type: "Note",
        attributedTo: dora,
        content: "<p>from afar</p>",
        to: [PUBLIC],
      });
      const id = `${booster}#announce/1`;
      await deliverAndRun(rig(), remote, "booster", {
        "@context": AS,
        id,
        type: "Announce",
        actor: booster,
        to: [PUBLIC],
        object: note,
      });
      const [original] = await statusesByUri(rig(), note);
      assert.ok(original !== undefined);
      assert.equal(original.account_id, (await accountByUri(rig(), dora))?.id);
      const [boost] = await statusesByUri(rig(), id);
      assert.equal(String(boost?.reblog_of_id), String(original.id));
    });

    test("custom emoji of remote posts and profiles are linked where they live", async () => {
      const emojiTag = (code: string) => ({
        id: `${remote.base}/emojis/${code}`,
        type: "Emoji",
        name: `:${code}:`,
        icon: { type: "Image", mediaType: "image/png", url: `${remote.base}/emojis/${code}.png` },
      });
      const ctx = [AS, { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji" }];
      const kim = await remote.addActor("kim", {
        "@context": [...ctx, "https://w3id.org/security/v1"],
        name: "Kim :wave:",
        tag: [emojiTag("wave")],
      });
      const note = `${kim}/statuses/1`;
      await deliverAndRun(rig(), remote, "kim", {
        "@context": ctx,
        id: `${note}/activity`,
        type: "Create",
        actor: kim,
        to: [PUBLIC],
        object: {
          id: note,
          type: "Note",
          attributedTo: kim,
          content: "<p>hi :blobcat:</p>",
          to: [PUBLIC],
          tag: [emojiTag("blobcat")],
        },
      });
      const [row] = await statusesByUri(rig(), note);
      const res = await call(rig(), "GET", `/api/v1/statuses/${row?.id}`, alice);
      assert.deepEqual(
        res.body.emojis.map((e: Json) => [e.shortcode, e.url]),
        [["blobcat", `${remote.base}/emojis/blobcat.png`]],
      );
      assert.deepEqual(
        res.body.account.emojis.map((e: Json) => [e.shortcode, e.url]),
        [["wave", `${remote.base}/emojis/wave.png`]],
      );
    });

    test("EmojiReact counts as a favourite", async () => {
      const reactor = await remote.addActor("reactor");
      const status = await post(rig(), alice, { status: "react to me" });
      await deliverAndRun(rig(), remote, "reactor", {
        "@context": [
          AS,
          { litepub: "http://litepub.social/ns#", EmojiReact: "litepub:EmojiReact" },
        ],
        id: `${reactor}#react/1`,
        type: "EmojiReact",
        actor: reactor,
        object: status.uri,
        content: "🔥",
      });
      const res = await call(rig(), "GET", `/api/v1/statuses/${status.id}`, alice);
      assert.equal(res.body.favourites_count, 1);
    });

    test("Update(Person) refreshes the profile as the actor sent it", async () => {
      const erin = await remote.addActor("erin");
      await deliverAndRun(rig(), remote, "erin", {
        "@context": AS,
        id: `${erin}#follow/1`,
        type: "Follow",
        actor: erin,
        object: `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`,
      });
      assert.equal((await accountByUri(rig(), erin))?.display_name, "Erin Remote");
      const doc = {
        ...remote.objects.get("/users/erin")!,
        name: "Erin Renamed",
        manuallyApprovesFollowers: true,
      };
      // Not served yet: the Update itself carries the new document.
      await deliverAndRun(rig(), remote, "erin", {
        "@context": [
          AS,
          "https://w3id.org/security/v1",
          { manuallyApprovesFollowers: "as:manuallyApprovesFollowers" },
        ],
        id: `${erin}#update/1`,
        type: "Update",
        actor: erin,
        to: [PUBLIC],
        object: doc,
      });
      const account = await accountByUri(rig(), erin);
      assert.equal(account?.display_name, "Erin Renamed");
      assert.equal(account?.locked, true);
    });

    test("Delete of an actor: its posts go, the account stays suspended", async () => {
      const frank = await remote.addActor("frank");
      const note = `${frank}/statuses/1`;
      await deliverAndRun(rig(), remote, "frank", {
        "@context": AS,
        id: `${note}/activity`,
        type: "Create",
        actor: frank,
        to: [PUBLIC],
        object: {
          id: note,
          type: "Note",
          attributedTo: frank,
          content: "<p>bye</p>",
          to: [PUBLIC],
        },
      });
      assert.equal((await statusesByUri(rig(), note)).length, 1);
      await deliverAndRun(rig(), remote, "frank", {
        "@context": AS,
        id: `${frank}#delete`,
        type: "Delete",
        actor: frank,
        to: [PUBLIC],
        object: frank,
      });
      assert.ok((await accountByUri(rig(), frank))?.suspended_at !== null);
      assert.ok((await statusesByUri(rig(), note))[0]?.deleted_at !== null);
    });

    test("Delete of a known actor whose document is gone (410): accepted, account removed", async () => {
      const olga = await remote.addActor("olga");
      const note = `${olga}/statuses/1`;
      await deliverAndRun(rig(), remote, "olga", {
        "@context": AS,
        id: `${note}/activity`,
        type: "Create",
        actor: olga,
        to: [PUBLIC],
        object: { id: note, type: "Note", attributedTo: olga, content: "<p>hi</p>", to: [PUBLIC] },
      });
      assert.equal((await statusesByUri(rig(), note)).length, 1);
      // The server deleted olga: her document answers 410 and the key she signs with is new.
      remote.gone.add("/users/olga");
      await remote.rotateKey("olga");
      const status = await remote.deliver(rig(), "olga", {
        "@context": AS,
        id: `${olga}#delete`,
        type: "Delete",
        actor: olga,
        object: olga,
      });
      assert.equal(status, 202);
      assert.ok((await accountByUri(rig(), olga))?.suspended_at !== null);
      assert.ok((await statusesByUri(rig(), note))[0]?.deleted_at !== null);
    });

    test("Delete of an actor whose key is gone: 202, nothing queued or stored", async () => {
      const ghost = await remote.addActor("ghost");
      remote.objects.delete("/users/ghost");
      const before = (await fedifyJobs(rig())).length;
      const status = await remote.deliver(rig(), "ghost", {
        "@context": AS,
        id: `${ghost}#delete`,
        type: "Delete",
        actor: ghost,
        object: ghost,
      });
      assert.equal(status, 202);
      assert.equal((await fedifyJobs(rig())).length, before);
      assert.equal(await accountByUri(rig(), ghost), undefined);
      // Any other activity from an actor that cannot be verified is still refused.
      const refused = await remote.deliver(rig(), "ghost", {
        "@context": AS,
        id: `${ghost}#like`,
        type: "Like",
        actor: ghost,
        object: `${ghost}/x`,
      });
      assert.equal(refused, 401);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
