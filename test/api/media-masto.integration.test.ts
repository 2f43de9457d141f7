// Uploading as masto.js (Phanpy, Elk) does: POST /api/v2/media, then polling
// GET /api/v1/media/:id until `url` is set, then describing the upload. A real worker processes
// it, as in `hearth serve`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWorker } from "../../src/jobs/worker.ts";
import { pngImage } from "../media/fixtures.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "media through masto.js",
  (rig) => {
    test("v2 upload, poll until processed, update, delete", async () => {
      const token = await createToken(rig().ctx, "alice", "read write");
      const client = masto(rig(), token);
      const png = await pngImage(64, 32);
      const worker = createWorker(rig().ctx, { pollMs: 20 });
      worker.start();
      let media: Awaited<ReturnType<typeof client.v2.media.create>>;
      try {
        media = await client.v2.media.create({
          file: new Blob([png as Uint8Array<ArrayBuffer>], { type: "image/png" }),
          description: "A green rectangle",
        });
      } finally {
        await worker.stop();
      }
      assert.equal(media.type, "image");
      assert.ok(media.url, "masto waited until the url was set");
      assert.equal(media.description, "A green rectangle");
      assert.equal(media.meta?.original?.width, 64);
      const file = await fetch(media.url);
      assert.equal(file.headers.get("content-type"), "image/png");

      const updated = await client.v1.media.$select(media.id).update({ focus: "0.1,0.2" });
      assert.deepEqual(updated.meta?.focus, { x: 0.1, y: 0.2 });
      // masto.js has no call for DELETE /api/v1/media/:id (Mastodon 4.4); plain HTTP it is.
      const deleted = await fetch(`${rig().url}/api/v1/media/${media.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(deleted.status, 200);
      await assert.rejects(client.v1.media.$select(media.id).fetch());
    });
  },
  { listen: true },
);
