// Deleting an account leaves its uploads to a job: the posts are gone from every read at once,
// then the job removes the files and their rows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { deleteLocalUser } from "../../src/services/accounts/manage-user.ts";
import { post } from "../api/statuses-kit.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("account purge", (rig) => {
  test("a deleted account's uploads are removed by the purge job", async () => {
    const token = await createToken(rig().ctx, "bob");
    const form = new FormData();
    form.set("file", blob(await pngImage(), "image/png"), "a.png");
    const uploaded = await rig().request("/api/v1/media", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(uploaded.status, 200);
    const media = (await uploaded.json()) as { id: string };
    const status = await post(rig(), token, { status: "with a picture", media_ids: [media.id] });
    const row = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select(["file_key", "preview_key"])
      .where("id", "=", media.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.file_key !== null && (await rig().ctx.storage.get(row.file_key)) !== undefined);

    assert.equal((await deleteLocalUser(rig().ctx, "bob")).type, "ok");
    // Gone from reads at once; the file waits for the job.
    assert.equal((await rig().get(`/api/v1/statuses/${status.id}`)).status, 404);
    assert.ok((await rig().ctx.storage.get(row.file_key)) !== undefined);
    await runDueJobs(rig().ctx);
    assert.equal(await rig().ctx.storage.get(row.file_key), undefined);
    if (row.preview_key !== null)
      assert.equal(await rig().ctx.storage.get(row.preview_key), undefined);
    const left = await rig()
      .ctx.db.selectFrom("media_attachments")
      .select("id")
      .where("account_id", "=", rig().fixtures.bob.id)
      .execute();
    assert.deepEqual(left, []);
  });
});
