// The media upload throttle (30 per 30 minutes per user, v1 and v2 together) and the removal
// of uploads never attached to a post, a day after upload. Own rig: both move the clock.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { removeOrphanMedia } from "../../src/services/media/cleanup.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { assertSchema, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const HOUR = 60 * 60 * 1000;

describeEachDatabase("media throttle and cleanup", (rig) => {
  let alice = "";
  let bob = "";
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  before(async () => {
    alice = await createToken(rig().ctx, "alice", "write:media");
    bob = await createToken(rig().ctx, "bob", "write:media");
  });
  async function upload(token: string, version: 1 | 2 = 1) {
    const form = new FormData();
    form.set("file", blob(await pngImage(10, 10), "image/png"), "a.png");
    return rig().send<Json>("POST", `/api/v${version}/media`, form, as(token));
  }
  const keyOf = (url: string) => new URL(url).pathname.replace(/^\/system\//, "");

  test("unattached uploads older than a day are removed with their files", async () => {
    const old = (await upload(alice)).body;
    const attached = (await upload(alice)).body;
    await rig()
      .ctx.db.updateTable("media_attachments")
      .set({ status_id: "42" })
      .where("id", "=", attached.id)
      .execute();
    rig().clock.advance(23 * HOUR);
    const recent = (await upload(alice)).body;
    assert.equal(
      await removeOrphanMedia(rig().ctx, rig().clock.now()),
      0,
      "nothing is a day old yet",
    );

    rig().clock.advance(1 * HOUR + 1000);
    assert.equal(await removeOrphanMedia(rig().ctx, rig().clock.now()), 1);
    const storage = rig().ctx.storage;
    assert.equal(await storage.get(keyOf(old.url)), undefined);
    assert.equal(await storage.get(keyOf(old.preview_url)), undefined);
    const gone = await rig().get<Json>(`/api/v1/media/${old.id}`, as(alice));
    assert.equal(gone.status, 404);
    assertSpec("GET", `/api/v1/media/${old.id}`, 404, gone.body);
    // The attached one stays, files included; the recent one too.
    assert.ok(await storage.get(keyOf(attached.url)));
    const kept = await rig().get<Json>(`/api/v1/media/${recent.id}`, as(alice));
    assert.equal(kept.status, 200);
    assertSpec("GET", `/api/v1/media/${recent.id}`, 200, kept.body);
  });

  test("the 31st upload in 30 minutes is refused with 429 and Mastodon's headers", async () => {
    rig().clock.advance(HOUR); // a fresh window
    for (let i = 1; i <= 30; i++) {
      const res = await upload(bob, i % 2 === 0 ? 1 : 2);
      assert.ok(res.status === 200 || res.status === 202, `upload ${i}: ${res.status}`);
    }
    const refused = await upload(bob, 1);
    assert.equal(refused.status, 429);
    assertSchema("Error", refused.body);
    assert.equal(refused.headers.get("x-ratelimit-limit"), "30");
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(refused.headers.get("x-ratelimit-reset"));
    assert.equal((await upload(bob, 2)).status, 429, "v2 shares the throttle");
    // Other people are not affected, and the window passes.
    assert.equal((await upload(alice)).status, 200);
    rig().clock.advance(30 * 60 * 1000);
    assert.equal((await upload(bob)).status, 200);
    await runDueJobs(rig().ctx); // the v2 uploads finish before the rig closes
  });
});
