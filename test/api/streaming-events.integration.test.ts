// Streaming events beyond statuses, over a real WebSocket: notifications on `user` and
// `user:notification` (once each, even though publishers also put them on the home channel),
// list streams (one's own lists only), the `direct` stream's conversation events, and
// filters_changed without a payload.
import assert from "node:assert/strict";
import { afterEach, before, test } from "node:test";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { enqueueNotify } from "../../src/services/notifications/enqueue.ts";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";
import { call } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";
import {
  allClosed,
  connect,
  listening,
  statusOf,
  type TestSocket,
  wsUrl,
} from "./streaming-kit.ts";

describeEachDatabase(
  "streaming events: notifications, lists, direct, filters",
  (rig) => {
    let alice = "";
    let bob = "";
    let admin = "";
    const ids = () => rig().fixtures;
    const sockets: TestSocket[] = [];
    const open = async (query: string, token: string) => {
      const socket = await connect(wsUrl(rig(), query), { protocols: [token] });
      sockets.push(socket);
      return socket;
    };
    const publish = async (token: string, body: Record<string, unknown>) => {
      const s = await post(rig(), token, body);
      await runDueJobs(rig().ctx);
      return s.id as string;
    };

    /** A follow, and its notification (asked for here too: the dedupe keeps it to one). */
    const follows = async (token: string, target: "bob") => {
      const res = await call(rig(), "POST", `/api/v1/accounts/${ids()[target].id}/follow`, token);
      assert.equal(res.status, 200);
      const from = token === admin ? ids().admin.id : ids().alice.id;
      await enqueueNotify(rig().ctx, rig().ctx.db, {
        type: "follow",
        recipientId: ids()[target].id,
        fromId: from,
      });
    };

    before(async () => {
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      admin = await createToken(rig().ctx, "admin");
      const res = await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
      assert.equal(res.status, 200);
      await runDueJobs(rig().ctx);
    });
    afterEach(async () => {
      for (const s of sockets.splice(0)) await s.close();
      await allClosed(rig());
    });

    test("a notification reaches user and user:notification once each", async () => {
      const user = await open("?stream=user", bob);
      const only = await open("?stream=user:notification", bob);
      await follows(admin, "bob");
      await runDueJobs(rig().ctx);
      for (const [socket, stream] of [
        [user, "user"],
        [only, "user:notification"],
      ] as const) {
        const frame = await socket.next();
        assert.equal(frame.event, "notification");
        assert.deepEqual(frame.stream, [stream]);
        const notification = JSON.parse(frame.payload as string);
        assertSchema("Notification", notification);
        assert.equal(notification.type, "follow");
        assert.equal(notification.account.id, ids().admin.id);
      }
      // No second copy from the home channel: the next frame on `user` is the next post.
      const next = await publish(alice, { status: "after the notification" });
      assert.equal(statusOf(await user.next()).id, next);
    });

    test("a token without read:notifications gets no notifications on user", async () => {
      const socket = await open(
        "?stream=user",
        await createToken(rig().ctx, "bob", "read:statuses"),
      );
      await follows(alice, "bob");
      await runDueJobs(rig().ctx);
      const made = await rig()
        .ctx.db.selectFrom("notifications")
        .select("id")
        .where("account_id", "=", ids().bob.id)
        .where("from_account_id", "=", ids().alice.id)
        .execute();
      assert.equal(made.length, 1, "the notification exists; only the stream leaves it out");
      const next = await publish(alice, { status: "statuses only" });
      const frame = await socket.next();
      assert.equal(frame.event, "update");
      assert.equal(statusOf(frame).id, next);
    });

    test("a list stream carries its members' posts; someone else's list is refused", async () => {
      const list = await call(rig(), "POST", "/api/v1/lists", bob, { title: "friends" });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      // (The spec has no schema for this answer, an empty object.)
      const added = await rig().send(
        "POST",
        `/api/v1/lists/${list.body.id}/accounts`,
        { account_ids: [ids().alice.id] },
        { headers: { authorization: `Bearer ${bob}` } },
      );
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const socket = await open("", bob);
      socket.send({ type: "subscribe", stream: "list", list: list.body.id });
      await listening(rig(), channels.list(list.body.id));
      const id = await publish(alice, { status: "for the list" });
      const frame = await socket.next();
      assert.deepEqual(frame.stream, ["list", list.body.id]);
      assert.equal(statusOf(frame).id, id);
      const intruder = await open("", admin);
      intruder.send({ type: "subscribe", stream: "list", list: list.body.id });
      assert.deepEqual(await intruder.next(), {
        error: "Not authorized to stream this list",
        status: 401,
      });
    });

    test("the direct stream carries conversations", async () => {
      const socket = await open("?stream=direct", bob);
      const id = await publish(alice, { status: "@bob just us", visibility: "direct" });
      const frame = await socket.next((f) => f.event === "conversation");
      assert.deepEqual(frame.stream, ["direct"]);
      const conversation = JSON.parse(frame.payload as string);
      assertSchema("Conversation", conversation);
      assert.equal(conversation.last_status.id, id);
    });

    test("filters_changed comes without a payload", async () => {
      const socket = await open("?stream=user", bob);
      const res = await call(rig(), "POST", "/api/v2/filters", bob, {
        title: "spoilers",
        context: ["home"],
        keywords_attributes: [{ keyword: "ending" }],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(await socket.next(), { stream: ["user"], event: "filters_changed" });
    });
  },
  { listen: true },
);
