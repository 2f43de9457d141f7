// The streaming API's WebSocket over a real listener, with a raw `ws` client: what reaches
// whom — fan-out to followers' user streams, public and hashtag streams, blocks, mutes and
// visibility re-checked per viewer — subscribe and unsubscribe, delete and status.update.
// (Tokens, scopes and refusals: streaming-auth; notifications, lists, direct: streaming-events.)
// "Nothing arrived" is shown by order: each connection delivers in publish order, so the first
// frame after a hidden post is the visible one published next.
import assert from "node:assert/strict";
import { afterEach, before, test } from "node:test";
import { channels, encodeStreamMessage } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { fanOutStatus } from "../../src/services/timelines/fan-out.ts";
import { createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import { call, countQueries } from "./relationships-kit.ts";
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
  "streaming over WebSocket",
  (rig) => {
    let alice = "";
    let bob = "";
    let admin = "";
    const ids = () => rig().fixtures;
    const sockets: TestSocket[] = [];
    const open = async (query: string, token?: string) => {
      const socket = await connect(wsUrl(rig(), query), token ? { protocols: [token] } : {});
      sockets.push(socket);
      return socket;
    };
    const publish = async (token: string, body: Record<string, unknown>) => {
      const s = await post(rig(), token, body);
      await runDueJobs(rig().ctx);
      return s.id as string;
    };

    before(async () => {
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      admin = await createToken(rig().ctx, "admin");
      for (const target of [ids().alice.id, ids().admin.id]) {
        const res = await call(rig(), "POST", `/api/v1/accounts/${target}/follow`, bob);
        assert.equal(res.status, 200);
      }
      await runDueJobs(rig().ctx);
    });
    // Each test starts with no sockets open, so channel listener counts are its own.
    afterEach(async () => {
      for (const s of sockets.splice(0)) await s.close();
      await allClosed(rig());
    });

    test("a followed account's post reaches the follower's user stream, rendered for them", async () => {
      const socket = await open("?stream=user", bob);
      assert.equal(socket.ws.protocol, bob, "the token sent as subprotocol is echoed back");
      const id = await publish(alice, { status: "hello followers" });
      const frame = await socket.next((f) => f.event === "update");
      assert.deepEqual(frame.stream, ["user"]);
      const status = statusOf(frame);
      assert.equal(status.id, id);
      assert.equal(status.account.id, ids().alice.id);
      assert.equal(status.favourited, false);
      // Someone who does not follow alice hears nothing: admin's next own post comes first.
      const adminSocket = await open("?stream=user", admin);
      await publish(alice, { status: "not for admin" });
      const own = await publish(admin, { status: "admin's own" });
      assert.equal(statusOf(await adminSocket.next()).id, own);
    });

    test("muted and blocked authors stay out of the user stream", async () => {
      const socket = await open("?stream=user", bob);
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/mute`, bob);
      await publish(admin, { status: "muted" });
      const visible = await publish(alice, { status: "after the muted one" });
      assert.equal(statusOf(await socket.next()).id, visible);
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/unmute`, bob);
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/follow`, bob);
      await runDueJobs(rig().ctx);
    });

    test("visibility is re-checked for each viewer before sending", async () => {
      const socket = await open("?stream=user", bob);
      // A direct message between admin and alice, named on bob's channel all the same.
      const hidden = (await post(rig(), admin, {
        status: `@alice secret`,
        visibility: "direct",
      })) as { id: string };
      await rig().ctx.pubsub.publish(
        channels.home(ids().bob.id),
        encodeStreamMessage({ event: "update", payload: hidden.id }),
      );
      const visible = await publish(alice, { status: "visible" });
      assert.equal(statusOf(await socket.next()).id, visible);
    });

    test("public:local carries local public posts only; public:remote the others", async () => {
      const socket = await open("?stream=public:local", bob);
      socket.send({ type: "subscribe", stream: "public:remote" });
      await listening(rig(), channels.public("remote", false));
      const remoteId = rig().ctx.newId();
      await rig()
        .ctx.db.insertInto("statuses")
        .values({
          id: remoteId,
          uri: `https://remote.test/users/carol/statuses/${remoteId}`,
          url: null,
          account_id: ids().carol.id,
          in_reply_to_id: null,
          in_reply_to_account_id: null,
          reblog_of_id: null,
          content: "<p>from afar</p>",
          visibility: "public",
          language: "en",
          application_id: null,
          local: false,
          edited_at: null,
          deleted_at: null,
          created_at: FIXED_TIME,
          updated_at: FIXED_TIME,
        })
        .execute();
      await fanOutStatus(rig().ctx, remoteId);
      const remote = await socket.next();
      assert.deepEqual(remote.stream, ["public:remote"]);
      assert.equal(statusOf(remote).id, remoteId);
      await publish(alice, { status: "quiet", visibility: "unlisted" });
      await publish(alice, { status: "friends", visibility: "private" });
      const local = await publish(alice, { status: "for everyone" });
      const frame = await socket.next();
      assert.deepEqual(frame.stream, ["public:local"]);
      assert.equal(statusOf(frame).id, local);
    });

    test("public streams drop authors the viewer blocks; deletions reach them", async () => {
      const socket = await open("?stream=public:local", bob);
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/block`, bob);
      await publish(admin, { status: "blocked author" });
      const visible = await publish(alice, { status: "seen" });
      assert.equal(statusOf(await socket.next()).id, visible);
      const res = await call(rig(), "DELETE", `/api/v1/statuses/${visible}`, alice);
      assert.equal(res.status, 200);
      assert.deepEqual(await socket.next(), {
        stream: ["public:local"],
        event: "delete",
        payload: visible,
      });
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/unblock`, bob);
      await call(rig(), "POST", `/api/v1/accounts/${ids().admin.id}/follow`, bob);
      await runDueJobs(rig().ctx);
    });

    test("a public event is checked and rendered once, however many listen", async () => {
      const id = (await post(rig(), alice, { status: "for many", visibility: "public" })).id;
      const message = encodeStreamMessage({ event: "update", payload: id });
      const channel = channels.public("local", false);
      const queriesWith = async (count: number) => {
        const listeners = await Promise.all(
          Array.from({ length: count }, (_, i) =>
            open("?stream=public:local", [bob, alice, admin][i % 3] as string),
          ),
        );
        const queries = await countQueries(rig(), async () => {
          await rig().ctx.pubsub.publish(channel, message);
          for (const socket of listeners) assert.equal(statusOf(await socket.next()).id, id);
        });
        for (const socket of listeners) await socket.close();
        await allClosed(rig());
        return queries;
      };
      assert.equal(await queriesWith(6), await queriesWith(1));
    });

    test("hashtag and hashtag:local streams, by subscribe message", async () => {
      const socket = await open("", bob);
      socket.send({ type: "subscribe", stream: "hashtag", tag: "Cats" });
      socket.send({ type: "subscribe", stream: "hashtag:local", tag: "cats" });
      await listening(rig(), channels.hashtag("cats", true));
      await publish(alice, { status: "no tag here" });
      const id = await publish(alice, { status: "look #cats" });
      const frames = [await socket.next(), await socket.next()];
      assert.deepEqual(frames.map((f) => f.stream).sort(), [
        ["hashtag", "Cats"],
        ["hashtag:local", "cats"],
      ]);
      for (const f of frames) assert.equal(statusOf(f).id, id);
    });

    test("unsubscribe stops a stream; a repeated subscribe is one subscription", async () => {
      const socket = await open("", bob);
      socket.send({ type: "subscribe", stream: "public:local" });
      socket.send({ type: "subscribe", stream: "public:local" });
      await listening(rig(), channels.public("local", false));
      assert.equal(rig().ctx.pubsub.listenerCount(channels.public("local", false)), 1);
      const first = await publish(alice, { status: "one" });
      assert.equal(statusOf(await socket.next()).id, first);
      socket.send({ type: "unsubscribe", stream: "public:local" });
      socket.send({ type: "subscribe", stream: "hashtag", tag: "dogs" });
      await listening(rig(), channels.hashtag("dogs", false));
      assert.equal(rig().ctx.pubsub.listenerCount(channels.public("local", false)), 0);
      await publish(alice, { status: "two" });
      const tagged = await publish(alice, { status: "#dogs" });
      const frame = await socket.next();
      assert.deepEqual(frame.stream, ["hashtag", "dogs"]);
      assert.equal(statusOf(frame).id, tagged);
    });

    test("delete and status.update reach the user stream", async () => {
      const socket = await open("?stream=user", bob);
      const id = await publish(alice, { status: "first version" });
      assert.equal(statusOf(await socket.next()).id, id);
      const edited = await call(rig(), "PUT", `/api/v1/statuses/${id}`, alice, {
        status: "second version",
      });
      assert.equal(edited.status, 200);
      const change = await socket.next();
      assert.equal(change.event, "status.update");
      assert.match(statusOf(change).content, /second version/);
      await call(rig(), "DELETE", `/api/v1/statuses/${id}`, alice);
      assert.deepEqual(await socket.next(), { stream: ["user"], event: "delete", payload: id });
    });

    test("a boost reaches followers' user streams; undoing it sends its delete", async () => {
      await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/follow`, admin);
      await runDueJobs(rig().ctx);
      const socket = await open("?stream=user", admin);
      const original = await publish(bob, { status: "worth sharing" });
      const boosted = await call(rig(), "POST", `/api/v1/statuses/${original}/reblog`, alice);
      assert.equal(boosted.status, 200);
      await runDueJobs(rig().ctx);
      const boost = statusOf(await socket.next());
      assert.equal(boost.id, boosted.body.id);
      assert.equal(boost.reblog.id, original);
      const undone = await call(rig(), "POST", `/api/v1/statuses/${original}/unreblog`, alice);
      assert.equal(undone.status, 200);
      assert.deepEqual(await socket.next(), {
        stream: ["user"],
        event: "delete",
        payload: boosted.body.id,
      });
    });
  },
  { listen: true },
);
