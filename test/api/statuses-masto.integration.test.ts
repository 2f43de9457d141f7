// Post, fetch, thread context and delete as masto.js (Phanpy, Elk) drives them over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "statuses through masto.js",
  (rig) => {
    test("create, fetch, context, remove", async () => {
      const { alice } = rig().fixtures;
      const client = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const root = await client.v1.statuses.create({ status: "Hello from #masto", language: "en" });
      assert.equal(root.account.id, alice.id);
      assert.equal(root.tags[0]?.name, "masto");
      const reply = await client.v1.statuses.create({
        status: "and a reply",
        inReplyToId: root.id,
        visibility: "unlisted",
      });
      const fetched = await masto(rig()).v1.statuses.$select(root.id).fetch();
      assert.equal(fetched.repliesCount, 1);
      assert.equal(
        fetched.content,
        '<p>Hello from <a href="' +
          rig().url +
          '/tags/masto" class="mention hashtag" rel="tag">#<span>masto</span></a></p>',
      );
      const context = await client.v1.statuses.$select(root.id).context.fetch();
      assert.deepEqual(
        context.descendants.map((s) => s.id),
        [reply.id],
      );
      const removed = await client.v1.statuses.$select(reply.id).remove();
      assert.equal(removed.text, "and a reply");
      const after = await client.v1.statuses.$select(root.id).context.fetch();
      assert.deepEqual(after.descendants, []);
      const listed = await client.v1.accounts.$select(alice.id).statuses.list({ limit: 5 });
      assert.deepEqual(
        listed.map((s) => s.id),
        [root.id],
      );
    });
  },
  { listen: true },
);
