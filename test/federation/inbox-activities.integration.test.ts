// The inbox over real HTTP: a fake remote server on 127.0.0.1 serves its actor and signs what
// it delivers; Fedify's queued inbox work is run at the rig's clock (runFedify). Each case
// checks what the database holds afterwards and, where a client would see it, the API.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FEDIFY_QUEUE } from "../../src/federation/message-queue.ts";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { fixture, PUBLIC, type Remote, runFedify, startRemote } from "./inbox-kit.ts";

describeEachDatabase(
  "inbox activities",
  (rig) => {
    let remote: Remote;
    let admin: string; // the remote actor's id
    let aliceUri: string;
    let alice: string;
    const MASTO = "http://mastodon.example.org";
    const LAIN = "http://localtesting.pleroma.lol/users/lain";
    let n = 0;
    const nextId = () => `${admin}#activities/${++n}`;

    before(async () => {
      remote = await startRemote();
      admin = await remote.addActor("admin");
      aliceUri = `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`;
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(async () => {
      await remote.close();
    });

    const remoteAccount = (r: Rig) =>
      r.ctx.db.selectFrom("accounts").selectAll().where("uri", "=", admin).executeTakeFirst();
    const statusByUri = (r: Rig, uri: string) =>
      r.ctx.db.selectFrom("statuses").selectAll().where("uri", "=", uri).execute();
    async function deliver(activity: Json, path = "/inbox") {
      const status = await remote.deliver(rig(), "admin", activity, path);
      assert.equal(status, 202);
      await runFedify(rig());
    }

    test("Follow of an unlocked account: a follow, the account stored, an Accept sent", async () => {
      const { ctx, fixtures } = rig();
      const follow = fixture("mastodon/follow.json", {
        [`${MASTO}/users/admin`]: admin,
        [LAIN]: aliceUri,
      });
      const status = await remote.deliver(
        rig(),
        "admin",
        follow,
        `/ap/users/${fixtures.alice.id}/inbox`,
      );
      assert.equal(status, 202);
      // Verified and queued: the work waits in the fedify lane until a worker runs it.
      const queued = await ctx.db
        .selectFrom("jobs")
        .select("id")
        .where("queue", "=", FEDIFY_QUEUE)
        .execute();
      assert.ok(queued.length >= 1);
      await runFedify(rig());
      const account = await remoteAccount(rig());
      assert.ok(account !== undefined);
      assert.equal(account.username, "admin");
      assert.equal(account.domain, remote.host);
      assert.equal(account.display_name, "Admin Remote");
      assert.doesNotMatch(account.note, /script|javascript/);
      assert.equal(account.inbox_url, `${admin}/inbox`);
      assert.equal(account.shared_inbox_url, `${remote.base}/inbox`);
      const row = await ctx.db
        .selectFrom("follows")
        .selectAll()
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.alice.id)
        .executeTakeFirst();
      assert.equal(row?.uri, follow.id);
      const accept = remote.received.find((a) => a.type === "Accept");
      assert.ok(accept, "an Accept reached the follower's server");
      assert.equal(accept.actor, aliceUri);
      const object = accept.object as Json;
      assert.equal(typeof object === "string" ? object : object.id, follow.id);
    });

    test("Follow of a locked account: a follow request, no follow", async () => {
      const { ctx, fixtures } = rig();
      await ctx.db
        .updateTable("accounts")
        .set({ locked: true })
        .where("id", "=", fixtures.bob.id)
        .execute();
      const bobUri = `${rig().config.baseUrl}/ap/users/${fixtures.bob.id}`;
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Follow",
        actor: admin,
        object: bobUri,
      });
      const account = (await remoteAccount(rig()))!;
      const pending = await ctx.db
        .selectFrom("follow_requests")
        .select("id")
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.bob.id)
        .execute();
      assert.equal(pending.length, 1);
      const follows = await ctx.db
        .selectFrom("follows")
        .select("id")
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.bob.id)
        .execute();
      assert.equal(follows.length, 0);
    });

    test("Accept of our Follow turns the request into a follow; Undo(Follow) ends theirs", async () => {
      const { ctx, fixtures } = rig();
      const account = (await remoteAccount(rig()))!;
      const followUri = `${aliceUri}#follows/${account.id}`;
      const at = ctx.clock.now().toISOString();
      await ctx.db
        .insertInto("follow_requests")
        .values({
          id: ctx.newId(),
          account_id: fixtures.alice.id,
          target_account_id: account.id,
          uri: followUri,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Accept",
        actor: admin,
        object: followUri,
      });
      const follows = await ctx.db
        .selectFrom("follows")
        .select("id")
        .where("account_id", "=", fixtures.alice.id)
        .where("target_account_id", "=", account.id)
        .execute();
      assert.equal(follows.length, 1);
      const pending = await ctx.db
        .selectFrom("follow_requests")
        .select("id")
        .where("account_id", "=", fixtures.alice.id)
        .where("target_account_id", "=", account.id)
        .execute();
      assert.equal(pending.length, 0);
      // Their follow of alice (the first test) is undone by its id.
      const theirs = await ctx.db
        .selectFrom("follows")
        .select("uri")
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.alice.id)
        .executeTakeFirstOrThrow();
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Undo",
        actor: admin,
        object: theirs.uri,
      });
      const left = await ctx.db
        .selectFrom("follows")
        .select("id")
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.alice.id)
        .execute();
      assert.equal(left.length, 0);
    });

    let noteUri: string;
    let noteId: string;
    test("Create(Note) from Mastodon: a status with CW, mention, hashtag and media", async () => {
      const create = fixture("mastodon/create-note-cw-nsfw-hashtag.json", {
        [`${MASTO}/users/admin`]: admin,
        [MASTO]: remote.base,
        [LAIN]: aliceUri,
      });
      const object = create.object as Json;
      object.attachment = [
        {
          type: "Document",
          mediaType: "image/png",
          url: `${remote.base}/media/1.png`,
          name: "a cow",
          width: 640,
          height: 480,
        },
      ];
      noteUri = object.id as string;
      await deliver(create);
      const rows = await statusByUri(rig(), noteUri);
      assert.equal(rows.length, 1);
      noteId = String(rows[0]!.id);
      assert.equal(rows[0]!.local, false);
      const res = await call(rig(), "GET", `/api/v1/statuses/${noteId}`, alice);
      assert.equal(res.status, 200);
      const s = res.body;
      assert.equal(s.uri, noteUri);
      assert.equal(s.spoiler_text, "cw");
      assert.equal(s.sensitive, true);
      assert.equal(s.visibility, "public");
      assert.match(s.content, /#.*moo/);
      assert.deepEqual(
        s.mentions.map((m: Json) => m.id),
        [rig().fixtures.alice.id],
      );
      assert.deepEqual(
        s.tags.map((t: Json) => String(t.name).toLowerCase()),
        ["nsfw"],
      );
      assert.equal(s.media_attachments.length, 1);
      assert.equal(s.media_attachments[0].remote_url, `${remote.base}/media/1.png`);
      assert.equal(s.media_attachments[0].description, "a cow");
      assert.equal(s.account.acct, `admin@${remote.host}`);
    });

    test("a replayed Create stores nothing new, under the same or another activity id", async () => {
      const create = fixture("mastodon/create-note-cw-nsfw-hashtag.json", {
        [`${MASTO}/users/admin`]: admin,
        [MASTO]: remote.base,
        [LAIN]: aliceUri,
      });
      await deliver(create);
      await deliver({ ...create, id: nextId() });
      assert.equal((await statusByUri(rig(), noteUri)).length, 1);
    });

    test("Create of a Note on another host than its actor is refused", async () => {
      const forged = `http://forged.example/users/admin/statuses/1`;
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Create",
        actor: admin,
        to: [PUBLIC],
        object: {
          id: forged,
          type: "Note",
          attributedTo: admin,
          content: "<p>forged</p>",
          to: [PUBLIC],
        },
      });
      assert.equal((await statusByUri(rig(), forged)).length, 0);
    });

    let localStatus: Json;
    let likeId: string;
    test("Like: a favourite of our post; Undo(Like): gone again", async () => {
      localStatus = await post(rig(), alice, { status: "likeable" });
      const like = fixture("mastodon/like.json", {
        [`${MASTO}/users/admin`]: admin,
        "http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454":
          localStatus.uri as string,
      });
      likeId = like.id as string;
      await deliver(like);
      let res = await call(rig(), "GET", `/api/v1/statuses/${localStatus.id}`, alice);
      assert.equal(res.body.favourites_count, 1);
      const fav = await rig()
        .ctx.db.selectFrom("favourites")
        .selectAll()
        .where("status_id", "=", localStatus.id as string)
        .execute();
      assert.equal(fav.length, 1);
      assert.equal(fav[0]!.uri, likeId);
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Undo",
        actor: admin,
        object: likeId,
      });
      res = await call(rig(), "GET", `/api/v1/statuses/${localStatus.id}`, alice);
      assert.equal(res.body.favourites_count, 0);
    });

    let announceId: string;
    test("Announce: a boost of our post", async () => {
      const id = nextId();
      announceId = id;
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id,
        type: "Announce",
        actor: admin,
        to: [PUBLIC],
        cc: [`${admin}/followers`],
        object: localStatus.uri,
      });
      const boosts = await statusByUri(rig(), id);
      assert.equal(boosts.length, 1);
      assert.equal(String(boosts[0]!.reblog_of_id), localStatus.id);
      const res = await call(rig(), "GET", `/api/v1/statuses/${localStatus.id}`, alice);
      assert.equal(res.body.reblogs_count, 1);
    });

    test("Update(Note): edited, with its history", async () => {
      const create = fixture("mastodon/create-note-cw-nsfw-hashtag.json", {
        [`${MASTO}/users/admin`]: admin,
        [MASTO]: remote.base,
        [LAIN]: aliceUri,
      });
      const object = {
        ...(create.object as Json),
        content: "<p>edited #moo</p>",
        summary: null,
        updated: "2018-02-12T15:00:00Z",
      };
      await deliver({
        "@context": create["@context"],
        id: nextId(),
        type: "Update",
        actor: admin,
        to: [PUBLIC],
        object,
      });
      const res = await call(rig(), "GET", `/api/v1/statuses/${noteId}`, alice);
      assert.equal(res.body.content, "<p>edited #moo</p>");
      assert.equal(res.body.spoiler_text, "");
      assert.ok(res.body.edited_at !== null);
      const history = await call(rig(), "GET", `/api/v1/statuses/${noteId}/history`, alice);
      assert.equal(history.body.length, 2);
    });

    test("Delete(Note) by someone else changes nothing; by its author, it is gone", async () => {
      await remote.addActor("mallory");
      await remote.deliver(rig(), "mallory", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${remote.actorUri("mallory")}#d`,
        type: "Delete",
        actor: remote.actorUri("mallory"),
        object: noteUri,
      });
      await runFedify(rig());
      assert.equal((await statusByUri(rig(), noteUri))[0]!.deleted_at, null);
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Delete",
        actor: admin,
        object: { id: noteUri, type: "Tombstone" },
      });
      assert.ok((await statusByUri(rig(), noteUri))[0]!.deleted_at !== null);
      const res = await call(rig(), "GET", `/api/v1/statuses/${noteId}`, alice);
      assert.equal(res.status, 404);
    });

    let blockId: string;
    test("Block: a blocks row with the activity's id", async () => {
      const { ctx, fixtures } = rig();
      const id = nextId();
      blockId = id;
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id,
        type: "Block",
        actor: admin,
        object: aliceUri,
      });
      const account = (await remoteAccount(rig()))!;
      const rows = await ctx.db
        .selectFrom("blocks")
        .selectAll()
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.alice.id)
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.uri, id);
    });

    test("Undo(Announce) and Undo(Block) by id: the boost and the block are gone", async () => {
      const { ctx, fixtures } = rig();
      const undo = (object: string) => ({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Undo",
        actor: admin,
        object,
      });
      await deliver(undo(announceId));
      const [boost] = await statusByUri(rig(), announceId);
      assert.ok(boost?.deleted_at !== null);
      const res = await call(rig(), "GET", `/api/v1/statuses/${localStatus.id}`, alice);
      assert.equal(res.body.reblogs_count, 0);
      await deliver(undo(blockId));
      const account = (await remoteAccount(rig()))!;
      const rows = await ctx.db
        .selectFrom("blocks")
        .select("id")
        .where("account_id", "=", account.id)
        .where("target_account_id", "=", fixtures.alice.id)
        .execute();
      assert.equal(rows.length, 0);
    });

    test("Reject of our pending Follow drops the request", async () => {
      const { ctx, fixtures } = rig();
      const account = (await remoteAccount(rig()))!;
      const followUri = `${aliceUri}#follows/reject/${account.id}`;
      const at = ctx.clock.now().toISOString();
      await ctx.db
        .insertInto("follow_requests")
        .values({
          id: ctx.newId(),
          account_id: fixtures.bob.id,
          target_account_id: account.id,
          uri: followUri,
          created_at: at,
          updated_at: at,
        })
        .execute();
      // Someone else cannot reject it for admin.
      await remote.addActor("eve");
      await remote.deliver(rig(), "eve", {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${remote.actorUri("eve")}#reject`,
        type: "Reject",
        actor: remote.actorUri("eve"),
        object: followUri,
      });
      await runFedify(rig());
      const pending = () =>
        ctx.db
          .selectFrom("follow_requests")
          .select("id")
          .where("account_id", "=", fixtures.bob.id)
          .where("target_account_id", "=", account.id)
          .execute();
      assert.equal((await pending()).length, 1);
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Reject",
        actor: admin,
        object: followUri,
      });
      assert.equal((await pending()).length, 0);
    });

    test("unsigned, or signed by another actor than the activity's: 401, nothing queued", async () => {
      const { ctx } = rig();
      const before = await ctx.db
        .selectFrom("jobs")
        .select("id")
        .where("queue", "=", FEDIFY_QUEUE)
        .execute();
      const forged = {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${admin}#forged`,
        type: "Create",
        actor: admin,
        to: [PUBLIC],
        object: {
          id: `${admin}/statuses/forged`,
          type: "Note",
          attributedTo: admin,
          content: "x",
          to: [PUBLIC],
        },
      };
      const unsigned = await fetch(`${rig().url}/inbox`, {
        method: "POST",
        headers: { "content-type": "application/activity+json" },
        body: JSON.stringify(forged),
      });
      assert.equal(unsigned.status, 401);
      assert.equal(await remote.deliver(rig(), "mallory", forged), 401);
      const after = await ctx.db
        .selectFrom("jobs")
        .select("id")
        .where("queue", "=", FEDIFY_QUEUE)
        .execute();
      assert.equal(after.length, before.length);
      await runFedify(rig());
      assert.equal((await statusByUri(rig(), `${admin}/statuses/forged`)).length, 0);
    });

    test("what an app sees of the remote account (masto.js)", async () => {
      const account = (await remoteAccount(rig()))!;
      const client = masto(rig(), alice);
      const seen = await client.v1.accounts.$select(account.id).fetch();
      assert.equal(seen.acct, `admin@${remote.host}`);
      assert.equal(seen.displayName, "Admin Remote");
      assert.equal(seen.url, `${remote.base}/@admin`);
      assert.doesNotMatch(seen.note, /script|javascript/);
    });

    test("an unknown activity type is acknowledged and ignored", async () => {
      await deliver({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: nextId(),
        type: "Dislike",
        actor: admin,
        object: localStatus.uri,
      });
      const failed = await rig()
        .ctx.db.selectFrom("jobs")
        .select("id")
        .where("queue", "=", FEDIFY_QUEUE)
        .where("failed_at", "is not", null)
        .execute();
      assert.equal(failed.length, 0);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
