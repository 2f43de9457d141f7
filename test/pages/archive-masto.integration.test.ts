// The archive of an account driven as masto.js (Phanpy, Elk) would over HTTP: posts, a boost,
// a deleted post, a favourite and a bookmark, then the archive requested on the settings page.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { inputValue, setPassword } from "../api/oauth-kit.ts";
import { readZip } from "../api/zip-reader.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { go, LOOPBACK, signedIn } from "./settings-kit.ts";

type Obj = Record<string, unknown>;

describeEachDatabase(
  "account archive after masto.js activity",
  (rig) => {
    test("posts, boosts, likes and bookmarks made through masto.js are in the archive", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const bobs = await bob.v1.statuses.create({ status: "bob says hi" });
      const kept = await alice.v1.statuses.create({ status: "kept", visibility: "private" });
      const gone = await alice.v1.statuses.create({ status: "deleted later" });
      await alice.v1.statuses.$select(gone.id).remove();
      const boost = await alice.v1.statuses.$select(bobs.id).reblog();
      await alice.v1.statuses.$select(bobs.id).favourite();
      await alice.v1.statuses.$select(kept.id).bookmark();

      await setPassword(rig(), "alice");
      const jar = await signedIn(rig(), rig().fixtures.alice.user);
      const page = await go(rig(), jar, "/settings/import");
      const requested = await go(rig(), jar, "/settings/import/archive", {
        authenticity_token: inputValue(page.text, "authenticity_token"),
      });
      assert.equal(requested.status, 200);
      await runDueJobs(rig().ctx);
      const res = await rig().request("/settings/exports/archive", {
        headers: jar.header(),
        ip: LOOPBACK,
      });
      assert.equal(res.status, 200);
      const files = new Map(
        readZip(new Uint8Array(await res.arrayBuffer())).map((e) => [e.name, e.data]),
      );
      const outbox = JSON.parse(String(files.get("outbox.json"))) as Obj;
      const items = outbox.orderedItems as Obj[];
      assert.deepEqual(
        items.map((i) => i.type),
        ["Create", "Announce"],
        "the deleted post is left out",
      );
      assert.equal((items[0]?.object as Obj | undefined)?.id, kept.uri);
      assert.equal(items[1]?.object, bobs.uri, "a boost is the Announce of the boosted post");
      assert.equal(items[1]?.id, `${boost.uri}/activity`);
      const likes = JSON.parse(String(files.get("likes.json"))) as Obj;
      assert.deepEqual(likes.orderedItems, [bobs.uri]);
      const bookmarks = JSON.parse(String(files.get("bookmarks.json"))) as Obj;
      assert.deepEqual(bookmarks.orderedItems, [kept.uri]);
    });
  },
  { listen: true },
);
