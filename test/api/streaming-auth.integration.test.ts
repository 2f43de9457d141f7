// The streaming API's WebSocket, from the refusing side: where a token may come from and which
// are refused at the handshake (HTTP status and `{"error"}` body, as Mastodon), the scopes each
// stream needs, Mastodon's error frames for bad subscriptions (the socket stays open), limits,
// heartbeats, and every revocation path closing the token's sockets.
import assert from "node:assert/strict";
import { once } from "node:events";
import { afterEach, before, test } from "node:test";
import { heartbeats } from "../../src/api/streaming/session.ts";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { modifyUser } from "../../src/services/accounts/manage-user.ts";
import { revokeApp } from "../../src/services/sessions/manage.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
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
  "streaming over WebSocket: tokens, scopes and refusals",
  (rig) => {
    let alice = "";
    let bob = "";
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
      const res = await call(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
      assert.equal(res.status, 200);
    });
    afterEach(async () => {
      for (const s of sockets.splice(0)) await s.close();
      await allClosed(rig());
    });

    test("bad requests get Mastodon's error frames and the socket stays open", async () => {
      const socket = await open("?stream=nope", bob);
      assert.deepEqual(await socket.next(), { error: "Unknown stream type", status: 400 });
      socket.send({ type: "subscribe", stream: "hashtag" });
      assert.deepEqual(await socket.next(), { error: "Missing tag name parameter", status: 400 });
      socket.send({ type: "subscribe", stream: "list" });
      assert.deepEqual(await socket.next(), { error: "Missing list name parameter", status: 400 });
      socket.send({ type: "subscribe", stream: "list", list: "12345" });
      assert.deepEqual(await socket.next(), {
        error: "Not authorized to stream this list",
        status: 401,
      });
      // Not JSON, or an unknown type: ignored.
      socket.ws.send("{nope");
      socket.send({ type: "dance", stream: "user" });
      socket.send({ type: "subscribe", stream: "user" });
      await listening(rig(), channels.home(ids().bob.id));
      const id = await publish(alice, { status: "still here" });
      assert.equal(statusOf(await socket.next()).id, id);
    });

    test("a connection holds at most 100 streams", async () => {
      const socket = await open("", bob);
      for (let i = 0; i < 101; i++)
        socket.send({ type: "subscribe", stream: "hashtag", tag: `t${i}` });
      assert.deepEqual(await socket.next(), {
        error: "No more than 100 streams per connection",
        status: 400,
      });
    });

    test("binary messages close the socket", async () => {
      const socket = await open("", bob);
      socket.ws.send(Buffer.from([1, 2, 3]));
      assert.equal(await socket.closed, 1003);
    });

    test("every stream needs a user token; tokens come from three places", async () => {
      const refused = async (url: string, options = {}) =>
        connect(url, options).then(
          () => assert.fail("connected"),
          (error: { status: number; body: string }) => ({
            status: error.status,
            body: JSON.parse(error.body),
          }),
        );
      assert.deepEqual(await refused(wsUrl(rig(), "?stream=user")), {
        status: 401,
        body: { error: "Missing access token" },
      });
      assert.deepEqual(await refused(wsUrl(rig(), "?stream=public")), {
        status: 401,
        body: { error: "Missing access token" },
      });
      assert.deepEqual(await refused(wsUrl(rig(), "?stream=user"), { protocols: ["nonsense"] }), {
        status: 401,
        body: { error: "Invalid access token" },
      });
      const appToken = await createToken(rig().ctx, null, "read");
      assert.equal((await refused(wsUrl(rig()), { protocols: [appToken] })).status, 401);
      const path = wsUrl(rig()).replace("/api/v1/streaming", "/api/v1/elsewhere");
      assert.equal((await refused(path, { protocols: [bob] })).status, 404);

      const byQuery = await connect(wsUrl(rig(), `?stream=user&access_token=${bob}`));
      assert.equal(byQuery.ws.protocol, "");
      await byQuery.close();
      const byHeader = await connect(wsUrl(rig(), "?stream=user"), {
        headers: { authorization: `Bearer ${bob}` },
      });
      await byHeader.close();
    });

    test("scopes: read:statuses for user, read:notifications for user:notification", async () => {
      const writeOnly = await createToken(rig().ctx, "bob", "write");
      const socket = await open("", writeOnly);
      socket.send({ type: "subscribe", stream: "user" });
      assert.deepEqual(await socket.next(), {
        error: "Access token does not have the required scopes",
        status: 401,
      });
      socket.send({ type: "subscribe", stream: "public" });
      await listening(rig(), channels.public("all", false));
      const notifications = await createToken(rig().ctx, "bob", "read:notifications");
      const other = await open("", notifications);
      other.send({ type: "subscribe", stream: "user" });
      assert.equal((await other.next()).status, 401);
      other.send({ type: "subscribe", stream: "user:notification" });
      await listening(rig(), channels.notifications(ids().bob.id));
    });

    test("sockets answer pings; a revoked token closes its sockets", async () => {
      const token = await createToken(rig().ctx, "bob", "read");
      const previous = heartbeats.websocketMs;
      heartbeats.websocketMs = 20;
      const socket = await open("?stream=user", token).finally(() => {
        heartbeats.websocketMs = previous;
      });
      await once(socket.ws, "ping");
      const form = new URLSearchParams({
        client_id: "test-client-id",
        client_secret: "test-client-secret",
        token,
      });
      const res = await rig().send("POST", "/oauth/revoke", form);
      assert.equal(res.status, 200);
      assert.equal(await socket.closed, 1000);
      // Revoking an app on the authorized-apps page ends its streams too.
      const again = await createToken(rig().ctx, "bob", "read");
      const second = await open("?stream=user", again);
      await revokeApp(rig().ctx, ids().bob.user.id, "1000");
      await second.closed;
      // A password reset by an admin (hearth accounts modify --reset-password) ends them too.
      const third = await open("?stream=user", await createToken(rig().ctx, "bob", "read"));
      const reset = await modifyUser(rig().ctx, "bob", { resetPassword: true });
      assert.equal(reset.type, "ok");
      await third.closed;
      // The bob token of the other tests is revoked as well: a fresh one for any later test.
      bob = await createToken(rig().ctx, "bob");
    });
  },
  { listen: true },
);
