// PUT /api/v1/statuses/:id, GET …/history and …/source: each rule tried the wrong way, the
// history checked against what the post showed at each step, the database after each refusal.
// Media in edits: status-edits-media.integration.test.ts.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { editStatus } from "../../src/services/statuses/edit-status.ts";
import { assertAuthEnforced, createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import * as kit from "./status-edits-kit.ts";
import { call, countQueries, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("status edits", (rig) => {
  let alice = "";
  let bob = "";
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write follow");
    bob = await createToken(rig().ctx, "bob", "read write follow");
  });
  const ids = () => rig().fixtures;
  const edit = (token: string | undefined, id: string, body: Record<string, unknown>) =>
    kit.edit(rig(), token, id, body);
  const history = (token: string | undefined, id: string) => kit.history(rig(), token, id);
  const later = <T>(minutes: number, fn: () => Promise<T>) => kit.later(rig(), minutes, fn);
  const editRows = (statusId: string) => kit.editRows(rig(), statusId);
  const mentionRows = async (statusId: string) =>
    (
      await rig()
        .ctx.db.selectFrom("mentions")
        .select(["account_id", "silent"])
        .where("status_id", "=", statusId)
        .orderBy("account_id")
        .execute()
    ).map((m) => ({ account: String(m.account_id), silent: Boolean(m.silent) }));

  test("edit, source and history enforce their token and scope", async () => {
    await assertAuthEnforced(rig(), {
      method: "PUT",
      path: "/api/v1/statuses/1",
      scope: "write:statuses",
      body: { status: "auth check" },
    });
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/statuses/1/source",
      scope: "read:statuses",
    });
    const s = await post(rig(), alice, { status: "public history" });
    const push = await createToken(rig().ctx, "alice", "push");
    // (The spec documents no 403 here, so plain send rather than the spec-checking call.)
    const scoped = await rig().send("GET", `/api/v1/statuses/${s.id}/history`, undefined, {
      headers: { authorization: `Bearer ${push}` },
    });
    assert.equal(scoped.status, 403, "a token, when sent, needs its scope");
    assert.equal((await history(undefined, s.id)).status, 200, "public without a token");
  });

  test("an edit: new text, tags, warning and language; edited_at; original + edit in history", async () => {
    const s = await post(rig(), alice, { status: "Hello #one", language: "en" });
    assert.equal(s.edited_at, null);
    const res = await later(1, () =>
      edit(alice, s.id, { status: "Hello #two, edited", spoiler_text: "cw", language: "de" }),
    );
    assert.equal(res.status, 200);
    const e = res.body;
    const editedAt = new Date(Date.parse(FIXED_TIME) + 60_000).toISOString();
    assert.equal(e.id, s.id);
    assert.equal(e.created_at, s.created_at);
    assert.equal(e.edited_at, editedAt);
    assert.match(e.content, /Hello <a href="https:\/\/hearth\.test\/tags\/two"/);
    assert.deepEqual(
      e.tags.map((t: Json) => t.name),
      ["two"],
    );
    assert.equal(e.spoiler_text, "cw");
    assert.equal(e.sensitive, true, "a content warning makes it sensitive, as on Mastodon");
    assert.equal(e.language, "de");
    assert.equal(e.visibility, "public");
    assert.equal(e.uri, s.uri);

    const read = await call(rig(), "GET", `/api/v1/statuses/${s.id}`, undefined);
    assert.equal(read.body.edited_at, editedAt);
    assert.equal(read.body.content, e.content);

    const h = await history(undefined, s.id);
    assert.equal(h.status, 200);
    assert.equal(h.body.length, 2);
    const [original, revised] = h.body;
    assert.equal(original.content, s.content);
    assert.equal(original.spoiler_text, "");
    assert.equal(original.sensitive, false);
    assert.equal(original.created_at, s.created_at);
    assert.equal(original.account.id, ids().alice.id);
    assert.deepEqual(original.emojis, []);
    assert.equal(original.poll, null);
    assert.equal(revised.content, e.content);
    assert.equal(revised.spoiler_text, "cw");
    assert.equal(revised.created_at, editedAt);

    const source = await call(rig(), "GET", `/api/v1/statuses/${s.id}/source`, alice);
    assert.equal(source.status, 200);
    assert.deepEqual(source.body, { id: s.id, text: "Hello #two, edited", spoiler_text: "cw" });

    const rows = await editRows(s.id);
    assert.deepEqual(
      rows.map((r) => [r.text, String(r.account_id), r.created_at]),
      [
        ["Hello #one", ids().alice.id, s.created_at],
        ["Hello #two, edited", ids().alice.id, editedAt],
      ],
    );
    const tags = await rig()
      .ctx.db.selectFrom("status_tags")
      .innerJoin("tags", "tags.id", "status_tags.tag_id")
      .select("tags.name")
      .where("status_tags.status_id", "=", s.id)
      .execute();
    assert.deepEqual(
      tags.map((t) => t.name),
      ["two"],
    );

    // A third version adds one revision; the original is recorded once.
    await later(2, () => edit(alice, s.id, { status: "third" }));
    const after = await history(alice, s.id);
    assert.deepEqual(
      after.body.map((r: Json) => r.spoiler_text),
      ["", "cw", ""],
      "omitted spoiler_text clears the warning, as Mastodon reads an edit",
    );
    assert.equal((await editRows(s.id)).length, 3);
  });

  test("a post never edited has one revision, its current version", async () => {
    const s = await post(rig(), alice, { status: "as is", spoiler_text: "w" });
    const h = await history(bob, s.id);
    assert.equal(h.body.length, 1);
    assert.equal(h.body[0].content, s.content);
    assert.equal(h.body[0].spoiler_text, "w");
    assert.equal(h.body[0].created_at, s.created_at);
    assert.deepEqual(await editRows(s.id), []);
  });

  test("an edit that changes nothing records nothing", async () => {
    const s = await post(rig(), alice, { status: "same", language: "en" });
    const res = await later(1, () => edit(alice, s.id, { status: "same", language: "en" }));
    assert.equal(res.status, 200);
    assert.equal(res.body.edited_at, null);
    assert.deepEqual(await editRows(s.id), []);
    // An unknown language keeps the current one, so it is no change either.
    await later(1, () => edit(alice, s.id, { status: "same", language: "xx-nonsense" }));
    assert.deepEqual(await editRows(s.id), []);
    await later(2, () => edit(alice, s.id, { status: "changed" }));
    const same = await later(3, () => edit(alice, s.id, { status: "changed" }));
    assert.equal(same.body.edited_at, new Date(Date.parse(FIXED_TIME) + 120_000).toISOString());
    assert.equal((await editRows(s.id)).length, 2);
  });

  test("refused: someone else's, unknown, deleted, a boost, too long, empty", async () => {
    const s = await post(rig(), alice, { status: "mine" });
    const notFound = [
      await edit(bob, s.id, { status: "hijacked" }),
      await edit(alice, "123456789", { status: "nothing here" }),
      await edit(alice, "not-an-id", { status: "nothing here" }),
    ];
    for (const r of notFound) {
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, { error: "Record not found" });
    }
    const gone = await post(rig(), alice, { status: "soon deleted" });
    await call(rig(), "DELETE", `/api/v1/statuses/${gone.id}`, alice);
    assert.equal((await edit(alice, gone.id, { status: "back?" })).status, 404);
    assert.equal((await history(alice, gone.id)).status, 404);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${gone.id}/source`, alice)).status,
      404,
    );

    // A boost is a status row pointing at another; it has no text of its own to edit.
    const boostId = rig().ctx.newId();
    await rig()
      .ctx.db.insertInto("statuses")
      .values({
        id: boostId,
        uri: `https://hearth.test/ap/statuses/${boostId}/activity`,
        url: null,
        account_id: ids().alice.id,
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        reblog_of_id: s.id,
        visibility: "public",
        language: null,
        application_id: null,
        local: true,
        edited_at: null,
        deleted_at: null,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    assert.equal((await edit(alice, boostId, { status: "boost text" })).status, 404);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${boostId}/source`, alice)).status,
      404,
    );

    const tooLong = await edit(alice, s.id, { status: "x".repeat(501) });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body.error, /character limit of 500/);
    const withWarning = await edit(alice, s.id, {
      status: "x".repeat(490),
      spoiler_text: "y".repeat(11),
    });
    assert.equal(withWarning.status, 422, "the content warning counts too");
    const empty = await edit(alice, s.id, { status: "  " });
    assert.equal(empty.status, 422);
    assert.match(empty.body.error, /Text can't be blank/);
    const missing = await edit(alice, s.id, {});
    assert.equal(missing.status, 422);
    // (Poll edits are the polls suite's; an empty poll is no poll.)
    assert.equal((await edit(alice, s.id, { status: "no poll", poll: null })).status, 200);

    const row = await rig()
      .ctx.db.selectFrom("statuses")
      .select(["text", "visibility"])
      .where("id", "=", s.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.text, "no poll");
    assert.equal((await editRows(s.id)).length, 2, "refusals wrote no revision");
  });

  test("visibility never changes; the source is the author's only", async () => {
    const s = await post(rig(), alice, { status: "friends only", visibility: "private" });
    const res = await edit(alice, s.id, { status: "still friends only", visibility: "public" });
    assert.equal(res.body.visibility, "private");
    // Not following: the history is as hidden as the post.
    assert.equal((await history(bob, s.id)).status, 404);
    assert.equal((await history(undefined, s.id)).status, 404);
    assert.equal((await history(alice, s.id)).status, 200);
    const pub = await post(rig(), alice, { status: "public" });
    const source = await call(rig(), "GET", `/api/v1/statuses/${pub.id}/source`, bob);
    assert.equal(source.status, 404, "nobody else edits it, so nobody else gets its source");
  });

  test("mentions: new ones added, dropped ones stay as silent mentions (access kept)", async () => {
    const { alice: a, bob: b, admin } = ids();
    const s = await post(rig(), alice, { status: "@bob secret", visibility: "private" });
    assert.equal((await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob)).status, 200);
    const res = await edit(alice, s.id, { status: "now for @admin only" });
    assert.deepEqual(
      res.body.mentions.map((m: Json) => m.id),
      [admin.id],
    );
    const expected = [
      { account: admin.id, silent: false },
      { account: b.id, silent: true },
    ].sort((x, y) => (BigInt(x.account) < BigInt(y.account) ? -1 : 1));
    assert.deepEqual(await mentionRows(s.id), expected);
    assert.equal(
      (await call(rig(), "GET", `/api/v1/statuses/${s.id}`, bob)).status,
      200,
      "bob was told already; taking the post away would confuse more than keeping it",
    );
    await edit(alice, s.id, { status: "@bob again" });
    assert.deepEqual(
      (await mentionRows(s.id)).find((m) => m.account === b.id),
      { account: b.id, silent: false },
    );
    // The service names the Update for federation, with everyone the post reaches.
    const result = await editStatus(rig().ctx, a.id, s.id, { text: "@bob and @carol@remote.test" });
    assert.equal(result.type, "ok");
    if (result.type !== "ok") return;
    assert.equal(result.federate?.activity, "Update");
    assert.equal(result.federate?.statusId, s.id);
    assert.deepEqual(
      [...(result.federate?.mentionedAccountIds ?? [])].sort(),
      [admin.id, b.id, ids().carol.id].sort(),
    );
    const unchanged = await editStatus(rig().ctx, a.id, s.id, {
      text: "@bob and @carol@remote.test",
    });
    assert.equal(unchanged.type === "ok" ? unchanged.federate : "?", null, "nothing to deliver");
  });

  test("each revision lists the custom emoji its own text uses", async () => {
    const id = rig().ctx.newId();
    await rig()
      .ctx.db.insertInto("custom_emojis")
      .values({
        id,
        shortcode: "blobcat",
        domain: null,
        uri: `https://hearth.test/emojis/${id}`,
        image_key: `custom_emojis/${id}.png`,
        static_key: `custom_emojis/${id}-static.png`,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      })
      .execute();
    const s = await post(rig(), alice, { status: "plain" });
    await edit(alice, s.id, { status: "now :blobcat:" });
    const h = await history(undefined, s.id);
    assert.deepEqual(
      h.body.map((r: Json) => r.emojis.map((e: Json) => e.shortcode)),
      [[], ["blobcat"]],
    );
    assert.match(h.body[1].emojis[0].url, new RegExp(`custom_emojis/${id}\\.png$`));
  });

  test("history costs the same queries for two revisions as for six", async () => {
    const short = await post(rig(), alice, { status: "v1" });
    await edit(alice, short.id, { status: "v2" });
    const long = await post(rig(), alice, { status: "v1" });
    for (const v of ["v2", "v3", "v4", "v5", "v6"]) await edit(alice, long.id, { status: v });
    const few = await countQueries(rig(), () => history(bob, short.id));
    const many = await countQueries(rig(), () => history(bob, long.id));
    assert.equal((await history(bob, long.id)).body.length, 6);
    assert.equal(many, few);
  });

  test("posts and edits share Mastodon's 300 per 3 hours", async () => {
    const admin = await createToken(rig().ctx, "admin", "read write");
    const s = await post(rig(), admin, { status: "counted" });
    try {
      for (let i = 0; i < 299; i++) {
        // Past the per-token 300 per 5 minutes, so only the statuses family is left to refuse.
        if (i === 150) rig().clock.advance(6 * 60_000);
        const res = await rig().send(
          "PUT",
          `/api/v1/statuses/${s.id}`,
          { status: "counted" },
          {
            headers: { authorization: `Bearer ${admin}` },
          },
        );
        assert.equal(res.status, 200);
        if (i === 0) assert.equal(res.headers.get("x-ratelimit-limit"), "300");
      }
      const refused = await edit(admin, s.id, { status: "one too many" });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
      assert.equal(
        (await call(rig(), "POST", "/api/v1/statuses", admin, { status: "x" })).status,
        429,
      );
      assert.equal((await call(rig(), "GET", `/api/v1/statuses/${s.id}`, admin)).status, 200);
      rig().clock.advance(3 * 3_600_000);
      assert.equal((await edit(admin, s.id, { status: "next window" })).status, 200);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
  });
});
