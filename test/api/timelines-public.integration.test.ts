// The public timelines: public posts only (not unlisted, private, direct, boosts or replies to
// others), local/remote/only_media, readable without a token, the reader's mutes honoured.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import { call, type Json } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";

describeEachDatabase("public timelines", (rig) => {
  let alice = "";
  let bob = "";
  const made: Record<string, string> = {};
  const ids = (body: Json) => body.map((s: Json) => s.id);

  before(async () => {
    alice = await createToken(rig().ctx, "alice");
    bob = await createToken(rig().ctx, "bob");
    const carol = rig().fixtures.carol.id;
    const remoteId = rig().ctx.newId();
    await rig()
      .ctx.db.insertInto("statuses")
      .values({
        id: remoteId,
        uri: `https://remote.test/users/carol/statuses/${remoteId}`,
        url: null,
        account_id: carol,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: null,
        content: "<p>remote</p>",
        visibility: "public",
        language: "en",
        application_id: null,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    made.remote = remoteId;
    made.public = (await post(rig(), alice, { status: "public" })).id;
    made.unlisted = (await post(rig(), alice, { status: "quiet", visibility: "unlisted" })).id;
    made.private = (await post(rig(), alice, { status: "friends", visibility: "private" })).id;
    made.bobs = (await post(rig(), bob, { status: "bob here" })).id;
    made.reply = (await post(rig(), alice, { status: "@bob hi", in_reply_to_id: made.bobs })).id;
    made.selfReply = (await post(rig(), bob, { status: "more", in_reply_to_id: made.bobs })).id;
  });

  test("anonymous readers see public posts, not replies to others or quieter posts", async () => {
    const res = await call(rig(), "GET", "/api/v1/timelines/public", undefined);
    assert.equal(res.status, 200);
    assert.deepEqual(ids(res.body), [made.selfReply, made.bobs, made.public, made.remote]);
  });

  test("local and remote", async () => {
    const local = await call(rig(), "GET", "/api/v1/timelines/public?local=true", undefined);
    assert.deepEqual(ids(local.body), [made.selfReply, made.bobs, made.public]);
    const remote = await call(rig(), "GET", "/api/v1/timelines/public?remote=true", alice);
    assert.deepEqual(ids(remote.body), [made.remote]);
  });

  test("only_media keeps posts with attachments", async () => {
    const res = await call(rig(), "GET", "/api/v1/timelines/public?only_media=true", undefined);
    assert.deepEqual(res.body, []);
  });

  test("a reader's mutes and blocks hide authors", async () => {
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.bob.id}/mute`, alice);
    const res = await call(rig(), "GET", "/api/v1/timelines/public?local=true", alice);
    assert.deepEqual(ids(res.body), [made.public]);
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.bob.id}/unmute`, alice);
    await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/block`, bob);
    const blocked = await call(rig(), "GET", "/api/v1/timelines/public?local=true", bob);
    assert.deepEqual(ids(blocked.body), [made.selfReply, made.bobs]);
  });

  test("a token without read:statuses is refused", async () => {
    const push = await createToken(rig().ctx, "alice", "push");
    // The spec documents no 403 here, but Mastodon answers one for a token lacking the scope.
    const res = await rig().get("/api/v1/timelines/public", {
      headers: { authorization: `Bearer ${push}` },
    });
    assert.equal(res.status, 403);
  });
});
