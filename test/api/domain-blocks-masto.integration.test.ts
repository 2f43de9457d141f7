// User domain blocks as masto.js (Phanpy, Elk) drives them over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "user domain blocks through masto.js",
  (rig) => {
    test("block, list page by page, see domain_blocking, unblock", async () => {
      const client = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      await client.v1.domainBlocks.create({ domain: "Remote.TEST" });
      await client.v1.domainBlocks.create({ domain: "two.test" });
      await client.v1.domainBlocks.create({ domain: "three.test" });
      assert.deepEqual(await client.v1.domainBlocks.list(), [
        "three.test",
        "two.test",
        "remote.test",
      ]);
      const pages: string[][] = [];
      for await (const page of client.v1.domainBlocks.list({ limit: 2 })) pages.push(page);
      assert.deepEqual(pages, [["three.test", "two.test"], ["remote.test"]]);
      const [rel] = await client.v1.accounts.relationships.fetch({
        id: [rig().fixtures.carol.id],
      });
      assert.equal(rel?.domainBlocking, true);
      await client.v1.domainBlocks.remove({ domain: "remote.test" });
      assert.deepEqual(await client.v1.domainBlocks.list(), ["three.test", "two.test"]);
      await assert.rejects(client.v1.domainBlocks.create({ domain: "not a domain" }), (e: Error) =>
        /Domain is invalid/.test(e.message),
      );
    });
  },
  { listen: true },
);
