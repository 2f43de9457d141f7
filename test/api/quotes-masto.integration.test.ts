// Quote posts as masto.js (Phanpy, Elk) drives them over HTTP: quoting, the nested quote,
// listing quotes, revoking one and changing the policy. masto.js 7 types quoting and the list;
// revoke and interaction_policy go through its generic path builder (untyped).
import assert from "node:assert/strict";
import { test } from "node:test";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "quotes through masto.js",
  (rig) => {
    test("quote, see the quote, list, revoke, change the policy", async () => {
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const bob = masto(rig(), await createToken(rig().ctx, "bob", "read write"));
      const original = await alice.v1.statuses.create({
        status: "quote me",
        quoteApprovalPolicy: "public",
      });
      assert.deepEqual(original.quoteApproval?.automatic, ["public"]);
      const quoting = await bob.v1.statuses.create({
        status: "quoting",
        quotedStatusId: original.id,
      });
      const quote = quoting.quote as { state: string; quotedStatus?: { id: string } | null };
      assert.equal(quote.state, "accepted");
      assert.equal(quote.quotedStatus?.id, original.id);

      const listed = await alice.v1.statuses.$select(original.id).quotes.list();
      assert.deepEqual(
        listed.map((s) => s.id),
        [quoting.id],
      );
      assert.equal((await alice.v1.statuses.$select(original.id).fetch()).quotesCount, 1);

      // biome-ignore lint/suspicious/noExplicitAny: masto.js builds untyped paths at run time
      const select = alice.v1.statuses.$select(original.id) as any;
      const revoked = await select.quotes.$select(quoting.id).revoke();
      assert.equal(revoked.id, quoting.id);
      assert.equal(revoked.quote.state, "revoked");
      assert.equal((await alice.v1.statuses.$select(original.id).fetch()).quotesCount, 0);

      const closed = await select.interactionPolicy.update({ quoteApprovalPolicy: "nobody" });
      assert.deepEqual(closed.quoteApproval.automatic, []);
      await assert.rejects(
        bob.v1.statuses.create({ status: "again", quotedStatusId: original.id }),
        (error: { statusCode?: number }) => error.statusCode === 404,
      );
    });
  },
  { listen: true },
);
