// POST /api/v1/conversations/:id/unread: in Mastodon's routes and ConversationsController, but
// in neither its docs nor the OpenAPI spec, so its answers are checked against the spec's
// Conversation schema. Marks a read conversation unread again; someone else's is 404.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { masto } from "../rig/clients.ts";
import {
  assertAuthEnforced,
  assertSchema,
  createToken,
  describeEachDatabase,
} from "../rig/index.ts";
import type { Json } from "./statuses-kit.ts";

describeEachDatabase(
  "conversations: mark unread",
  (rig) => {
    let alice = "";
    let bob = "";
    const unread = (id: string, token: string) =>
      rig().send<Json>("POST", `/api/v1/conversations/${id}/unread`, undefined, {
        headers: { authorization: `Bearer ${token}` },
      });

    before(async () => {
      alice = await createToken(rig().ctx, "alice", "read write");
      bob = await createToken(rig().ctx, "bob", "read write");
    });

    test("scopes: write:conversations", async () => {
      await assertAuthEnforced(rig(), {
        method: "POST",
        path: "/api/v1/conversations/1/unread",
        scope: "write:conversations",
      });
    });

    test("read, then unread again; the list shows it; not someone else's", async () => {
      const client = masto(rig(), bob);
      await masto(rig(), alice).v1.statuses.create({ status: "@bob psst", visibility: "direct" });
      await runDueJobs(rig().ctx);
      const [conversation] = await client.v1.conversations.list();
      assert.ok(conversation);
      assert.equal((await client.v1.conversations.$select(conversation.id).read()).unread, false);

      const res = await unread(conversation.id, bob);
      assert.equal(res.status, 200);
      assertSchema("Conversation", res.body);
      assert.equal(res.body.id, conversation.id);
      assert.equal(res.body.unread, true);
      assert.equal((await client.v1.conversations.list())[0]?.unread, true);
      // Again: still unread, still 200.
      assert.equal((await unread(conversation.id, bob)).body.unread, true);

      // Alice's side of the conversation is another row: bob's id is not hers.
      const other = await unread(conversation.id, alice);
      assert.equal(other.status, 404);
      assert.deepEqual(other.body, { error: "Record not found" });
      const [hers] = await masto(rig(), alice).v1.conversations.list();
      assert.equal(hers?.unread, false);
      for (const id of ["999999999999", "not-an-id"])
        assert.equal((await unread(id, bob)).status, 404);
    });
  },
  { listen: true },
);
