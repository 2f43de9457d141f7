// Editing as masto.js (Phanpy, Elk) drives it over HTTP: fetch the source, send the whole new
// state (text, warning, language, media and their descriptions), read the history. The
// upload goes through v1, which processes in the request (no job worker needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { pngImage } from "../media/fixtures.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "status edits through masto.js",
  (rig) => {
    test("source, update with media attributes, history; someone else's is refused", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const png = await pngImage(64, 32);
      const picture = await alice.v1.media.create({
        file: new Blob([png as Uint8Array<ArrayBuffer>], { type: "image/png" }),
        description: "before",
      });
      const status = await alice.v1.statuses.create({
        status: "Helo #world",
        mediaIds: [picture.id],
        language: "en",
      });

      const source = await alice.v1.statuses.$select(status.id).source.fetch();
      assert.deepEqual(
        { id: source.id, text: source.text, spoilerText: source.spoilerText },
        { id: status.id, text: "Helo #world", spoilerText: "" },
      );
      const edited = await alice.v1.statuses.$select(status.id).update({
        status: "Hello #world",
        spoilerText: "typo fixed",
        language: "en",
        mediaIds: [picture.id],
        mediaAttributes: [{ id: picture.id, description: "after" }],
      });
      assert.ok(edited.editedAt);
      assert.equal(edited.spoilerText, "typo fixed");
      assert.equal(edited.mediaAttachments[0]?.description, "after");
      assert.match(edited.content, /Hello/);

      const history = await masto(rig()).v1.statuses.$select(status.id).history.list();
      assert.equal(history.length, 2);
      assert.match(history[0]?.content ?? "", /Helo/);
      assert.equal(history[0]?.mediaAttachments[0]?.description, "before");
      assert.equal(history[1]?.spoilerText, "typo fixed");
      assert.equal(history[1]?.account.id, rig().fixtures.alice.id);

      await assert.rejects(
        bob.v1.statuses.$select(status.id).update({ status: "not yours" }),
        (error: { statusCode?: number }) => error.statusCode === 404,
      );
      await assert.rejects(
        bob.v1.statuses.$select(status.id).source.fetch(),
        (error: { statusCode?: number }) => error.statusCode === 404,
      );
      await assert.rejects(
        alice.v1.statuses.$select(status.id).update({ status: "x".repeat(501) }),
        (error: { statusCode?: number }) => error.statusCode === 422,
      );
    });
  },
  { listen: true },
);
