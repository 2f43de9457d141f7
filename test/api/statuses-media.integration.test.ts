// Posts with pictures: uploads become the post's media_attachments, once, in upload order;
// someone else's, unfinished, too many or already used uploads are refused and nothing is
// posted.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { removeOrphanMedia } from "../../src/services/media/cleanup.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import { accountCounts, call, type Json, post } from "./statuses-kit.ts";

describeEachDatabase("statuses with media", (rig) => {
  let alice = "";
  let bob = "";
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "read write");
    bob = await createToken(rig().ctx, "bob", "read write");
  });

  async function upload(token: string, description?: string): Promise<Json> {
    const form = new FormData();
    form.set("file", blob(await pngImage(40, 30), "image/png"), "p.png");
    if (description !== undefined) form.set("description", description);
    const res = await rig().send<Json>("POST", "/api/v1/media", form, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200, res.text);
    return res.body;
  }

  test("uploads attach to the post, in upload order, and show on reads", async () => {
    const first = await upload(alice, "first");
    const second = await upload(alice, "second");
    const status = await post(rig(), alice, {
      status: "two pictures",
      media_ids: [second.id, first.id],
    });
    assertSpec("POST", "/api/v1/statuses", 200, status);
    assert.deepEqual(
      status.media_attachments.map((m: Json) => m.id),
      [first.id, second.id],
    );
    assert.equal(status.media_attachments[0].description, "first");
    assert.match(status.media_attachments[0].url, /\/system\//);
    const read = await rig().get<Json>(`/api/v1/statuses/${status.id}`);
    assertSpec("GET", `/api/v1/statuses/${status.id}`, 200, read.body);
    assert.equal(read.body.media_attachments.length, 2);
  });

  test("a post may be pictures only", async () => {
    const media = await upload(alice);
    const status = await post(rig(), alice, { status: "", media_ids: [media.id] });
    assert.equal(status.content, "");
    assert.equal(status.media_attachments.length, 1);
  });

  test("used, foreign, unfinished or too many uploads are refused and nothing is posted", async () => {
    const before = await accountCounts(rig(), rig().fixtures.alice.id);
    const used = await upload(alice);
    await post(rig(), alice, { status: "first use", media_ids: [used.id] });
    const afterFirst = await accountCounts(rig(), rig().fixtures.alice.id);
    assert.equal(afterFirst.statuses, before.statuses + 1);

    const again = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "again",
      media_ids: [used.id],
    });
    assert.equal(again.status, 422);
    assert.match(again.body.error, new RegExp(used.id));

    const bobs = await upload(bob);
    const foreign = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "not mine",
      media_ids: [bobs.id],
    });
    assert.equal(foreign.status, 422);

    const pending = await upload(alice);
    await rig()
      .ctx.db.updateTable("media_attachments")
      .set({ processing: "processing" })
      .where("id", "=", pending.id)
      .execute();
    const unfinished = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "soon",
      media_ids: [pending.id],
    });
    assert.equal(unfinished.status, 422);
    assert.match(unfinished.body.error, /finished processing/);

    const five = await Promise.all([1, 2, 3, 4, 5].map(() => upload(alice)));
    const tooMany = await call(rig(), "POST", "/api/v1/statuses", alice, {
      status: "five",
      media_ids: five.map((m) => m.id),
    });
    assert.equal(tooMany.status, 422);
    assert.match(tooMany.body.error, /more than 4/);

    assert.equal(
      (await accountCounts(rig(), rig().fixtures.alice.id)).statuses,
      afterFirst.statuses,
    );
    const unattached = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("id")
      .where(
        "id",
        "in",
        five.map((m) => m.id),
      )
      .where("status_id", "is not", null)
      .execute();
    assert.deepEqual(unattached, []);
  });

  test("delete and redraft: the deleted post's pictures attach to the new one", async () => {
    const media = await upload(alice, "keep me");
    const first = await post(rig(), alice, { status: "typo", media_ids: [media.id] });
    const deleted = await call(rig(), "DELETE", `/api/v1/statuses/${first.id}`, alice);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.text, "typo");
    assert.deepEqual(
      deleted.body.media_attachments.map((m: Json) => m.id),
      [media.id],
    );
    const redraft = await post(rig(), alice, { status: "fixed", media_ids: [media.id] });
    assert.equal(redraft.media_attachments[0].description, "keep me");
  });

  test("pictures of a deleted post are cleaned up a day later unless reused", async () => {
    const media = await upload(alice);
    const status = await post(rig(), alice, { status: "gone soon", media_ids: [media.id] });
    await call(rig(), "DELETE", `/api/v1/statuses/${status.id}`, alice);
    const exists = async () =>
      (await rig()
        .ctx.db.selectFrom("media_attachments")
        .select("id")
        .where("id", "=", media.id)
        .executeTakeFirst()) !== undefined;
    await removeOrphanMedia(rig().ctx, rig().clock.now());
    assert.equal(await exists(), true, "kept for redraft");
    rig().clock.advance(25 * 3_600_000);
    try {
      await removeOrphanMedia(rig().ctx, rig().clock.now());
      assert.equal(await exists(), false);
    } finally {
      rig().clock.set("2026-01-01T12:00:00.000Z");
    }
  });
});
