// Media in edits: uploads added, re-described and let go; the history shows each version's
// pictures as they were; refused uploads change nothing.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import * as kit from "./status-edits-kit.ts";
import { type Json, post } from "./statuses-kit.ts";

describeEachDatabase("status edits with media", (rig) => {
  let alice = "";
  let bob = "";
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
  });
  const edit = (token: string | undefined, id: string, body: Record<string, unknown>) =>
    kit.edit(rig(), token, id, body);
  const history = (token: string | undefined, id: string) => kit.history(rig(), token, id);
  const later = <T>(minutes: number, fn: () => Promise<T>) => kit.later(rig(), minutes, fn);
  const editRows = (statusId: string) => kit.editRows(rig(), statusId);
  const upload = (token: string, description?: string) => kit.upload(rig(), token, description);

  test("media: add, describe, remove; history shows each version's pictures as they were", async () => {
    const first = await upload(alice, "old words");
    const second = await upload(alice);
    const s = await post(rig(), alice, { status: "one picture", media_ids: [first.id] });

    const both = await later(1, () =>
      edit(alice, s.id, {
        status: "two pictures",
        media_ids: [first.id, second.id],
        media_attributes: [{ id: first.id, description: "new words", focus: "0.5,-0.5" }],
      }),
    );
    assert.equal(both.status, 200);
    assert.deepEqual(
      both.body.media_attachments.map((m: Json) => [m.id, m.description]),
      [
        [first.id, "new words"],
        [second.id, null],
      ],
    );
    assert.deepEqual(both.body.media_attachments[0].meta.focus, { x: 0.5, y: -0.5 });

    // Only a description changes: still an edit (Mastodon: media significantly changed).
    const described = await later(2, () =>
      edit(alice, s.id, {
        status: "two pictures",
        media_ids: [first.id, second.id],
        media_attributes: [{ id: second.id, description: "second" }],
      }),
    );
    assert.notEqual(described.body.edited_at, both.body.edited_at);

    // Pictures only, the first one let go.
    const only = await later(3, () => edit(alice, s.id, { status: "", media_ids: [second.id] }));
    assert.equal(only.status, 200);
    assert.deepEqual(
      only.body.media_attachments.map((m: Json) => m.id),
      [second.id],
    );
    const freed = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("status_id")
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    assert.equal(freed.status_id, null, "a picture left out is let go");

    const h = await history(undefined, s.id);
    assert.deepEqual(
      h.body.map((r: Json) => r.media_attachments.map((m: Json) => [m.id, m.description])),
      [
        [[first.id, "old words"]],
        [
          [first.id, "new words"],
          [second.id, null],
        ],
        [
          [first.id, "new words"],
          [second.id, "second"],
        ],
        [[second.id, "second"]],
      ],
    );
    assert.equal(h.body[0].media_attachments[0].meta.focus, undefined);
    assert.deepEqual(h.body[1].media_attachments[0].meta.focus, { x: 0.5, y: -0.5 });
    assert.match(h.body[0].media_attachments[0].url, /\/system\//);

    // The freed picture can go on another post; the current one cannot be taken.
    const reused = await post(rig(), alice, { status: "reused", media_ids: [first.id] });
    assert.equal(reused.media_attachments[0].id, first.id);
    const taken = await edit(alice, s.id, { status: "grab", media_ids: [second.id, first.id] });
    assert.equal(taken.status, 422);
    assert.match(taken.body.error, new RegExp(first.id));
  });

  test("media refused: someone else's, unfinished, more than four; nothing changes", async () => {
    const mine = await upload(alice);
    const s = await post(rig(), alice, { status: "stable", media_ids: [mine.id] });
    const bobs = await upload(bob);
    const foreign = await edit(alice, s.id, { status: "stable", media_ids: [mine.id, bobs.id] });
    assert.equal(foreign.status, 422);
    assert.match(foreign.body.error, new RegExp(bobs.id));
    const pending = await upload(alice);
    await rig()
      .ctx.db.updateTable("media_attachments")
      .set({ processing: "processing" })
      .where("id", "=", pending.id)
      .execute();
    const unfinished = await edit(alice, s.id, { status: "stable", media_ids: [pending.id] });
    assert.equal(unfinished.status, 422);
    assert.match(unfinished.body.error, /finished processing/);
    const four = await Promise.all([1, 2, 3, 4].map(() => upload(alice)));
    const five = await edit(alice, s.id, {
      status: "stable",
      media_ids: [mine.id, ...four.map((m) => m.id)],
    });
    assert.equal(five.status, 422);
    assert.match(five.body.error, /more than 4/);
    const longWords = await edit(alice, s.id, {
      status: "stable",
      media_ids: [mine.id],
      media_attributes: [{ id: mine.id, description: "d".repeat(1501) }],
    });
    assert.equal(longWords.status, 422);
    const badFocus = await edit(alice, s.id, {
      status: "stable",
      media_ids: [mine.id],
      media_attributes: [{ id: mine.id, focus: "2,0" }],
    });
    assert.equal(badFocus.status, 422);

    const attached = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("id")
      .where("status_id", "=", s.id)
      .execute();
    assert.deepEqual(
      attached.map((m) => m.id),
      [mine.id],
    );
    const description = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("description")
      .where("id", "=", mine.id)
      .executeTakeFirstOrThrow();
    assert.equal(description.description, null);
    assert.deepEqual(await editRows(s.id), []);
  });

  test("a form body works; media_attributes of uploads not kept are ignored", async () => {
    const m = await upload(alice);
    const s = await post(rig(), alice, { status: "form" });
    const form = new URLSearchParams();
    form.set("status", "form edited");
    form.set("sensitive", "true");
    form.append("media_ids[]", m.id);
    form.append("media_attributes[][id]", m.id);
    form.append("media_attributes[][description]", "from a form");
    form.append("media_attributes[][id]", "999");
    form.append("media_attributes[][description]", "ignored");
    const res = await rig().send<Json>("PUT", `/api/v1/statuses/${s.id}`, form, {
      headers: { authorization: `Bearer ${alice}` },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.sensitive, true);
    assert.equal(res.body.media_attachments[0].description, "from a form");
  });
});
