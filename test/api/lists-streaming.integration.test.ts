// Live events of lists, filters and conversations over the WebSocket streaming API: `update`
// on a list stream (only the owner may open it), `conversation` on the direct stream (a
// Conversation entity), `filters_changed` on the user stream.
import assert from "node:assert/strict";
import { test } from "node:test";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, post } from "./statuses-kit.ts";
import { connect, listening, statusOf, wsUrl } from "./streaming-kit.ts";

describeEachDatabase(
  "list, direct and filter events on the stream",
  (rig) => {
    test("list, direct and user streams carry their events", async () => {
      const ids = rig().fixtures;
      const bob = await createToken(rig().ctx, "bob", "read write follow");
      const alice = await createToken(rig().ctx, "alice", "read write");
      await call(rig(), "POST", `/api/v1/accounts/${ids.alice.id}/follow`, bob);
      const list = (await call(rig(), "POST", "/api/v1/lists", bob, { title: "Live" })).body;
      await rig().send(
        "POST",
        `/api/v1/lists/${list.id}/accounts`,
        { account_ids: [ids.alice.id] },
        {
          headers: { authorization: `Bearer ${bob}` },
        },
      );
      await runDueJobs(rig().ctx);

      const intruder = await connect(wsUrl(rig(), `?stream=list&list=${list.id}`), {
        protocols: [alice],
      });
      assert.deepEqual(await intruder.next(), {
        error: "Not authorized to stream this list",
        status: 401,
      });
      await intruder.close();
      const listSocket = await connect(wsUrl(rig(), `?stream=list&list=${list.id}`), {
        protocols: [bob],
      });
      const direct = await connect(wsUrl(rig(), "?stream=direct"), { protocols: [bob] });
      const user = await connect(wsUrl(rig(), "?stream=user"), { protocols: [bob] });
      await listening(rig(), channels.list(list.id));
      await listening(rig(), channels.direct(ids.bob.id));
      await listening(rig(), channels.home(ids.bob.id));

      const s = await post(rig(), alice, { status: "to the list" });
      const dm = await post(rig(), alice, { status: "@bob psst", visibility: "direct" });
      await runDueJobs(rig().ctx);
      const update = await listSocket.next((f) => f.event === "update");
      assert.deepEqual(update.stream, ["list", list.id]);
      assert.equal(statusOf(update).id, s.id);
      const conversation = await direct.next((f) => f.event === "conversation");
      const entity: Json = JSON.parse(conversation.payload as string);
      assertSchema("Conversation", entity);
      assert.equal(entity.last_status.id, dm.id);
      assert.equal(entity.unread, true);

      await call(rig(), "POST", "/api/v2/filters", bob, { title: "f", context: ["home"] });
      const changed = await user.next((f) => f.event === "filters_changed");
      assert.equal(changed.payload, undefined);
      for (const socket of [listSocket, direct, user]) await socket.close();
    });
  },
  { listen: true },
);
