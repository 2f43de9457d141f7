// The streaming API over server-sent events, on a real listener: health, refusals before the
// stream starts (token, unknown channel, missing tag), a follower's user stream receiving an
// update, `:thump` heartbeats, and the response ending when the client leaves or the token is
// revoked.
import assert from "node:assert/strict";
import { afterEach, before, test } from "node:test";
import { heartbeats, openStreamCount } from "../../src/api/streaming/session.ts";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import { call } from "./relationships-kit.ts";
import { post } from "./statuses-kit.ts";
import { allClosed, listening, readSse } from "./streaming-kit.ts";

describeEachDatabase(
  "streaming over server-sent events",
  (rig) => {
    let alice = "";
    let bob = "";
    const aborts: AbortController[] = [];
    const open = (path: string, token?: string) => {
      const abort = new AbortController();
      aborts.push(abort);
      return fetch(`${rig().url}/api/v1/streaming${path}`, {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
    };

    before(async () => {
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      await call(rig(), "POST", `/api/v1/accounts/${rig().fixtures.alice.id}/follow`, bob);
      await runDueJobs(rig().ctx);
    });
    afterEach(async () => {
      for (const a of aborts.splice(0)) a.abort();
      await allClosed(rig());
    });

    test("health answers OK without a token", async () => {
      const res = await open("/health");
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "OK");
    });

    test("refusals come before the stream, as JSON errors", async () => {
      const expect = async (
        path: string,
        token: string | undefined,
        status: number,
        error: string,
      ) => {
        const res = await open(path, token);
        assert.equal(res.status, status, path);
        assert.deepEqual(await res.json(), { error });
      };
      await expect("/user", undefined, 401, "Missing access token");
      await expect("/public", "not-a-token", 401, "Invalid access token");
      await expect("/nope", bob, 400, "Unknown channel requested");
      await expect("/hashtag", bob, 400, "Missing tag name parameter");
      await expect("/list?list=1", bob, 401, "Not authorized to stream this list");
      const writeOnly = await createToken(rig().ctx, "bob", "write");
      await expect("/user", writeOnly, 401, "Access token does not have the required scopes");
      await expect("", bob, 404, "Record not found");
      assert.equal(openStreamCount(rig().ctx), 0, "a refused request holds no stream");
    });

    test("the user stream receives a followed account's post; heartbeats are :thump", async () => {
      const previous = heartbeats.sseMs;
      heartbeats.sseMs = 20;
      const res = await open("/user", bob).finally(() => {
        heartbeats.sseMs = previous;
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      const events = readSse(res);
      const s = await post(rig(), alice, { status: "over SSE" });
      await runDueJobs(rig().ctx);
      const event = await events.next();
      assert.equal(event.event, "update");
      const status = JSON.parse(event.data);
      assert.equal(status.id, s.id);
      assertSpec("GET", `/api/v1/statuses/${s.id}`, 200, status);
      while (!events.comments.includes("thump")) await events.next().catch(() => undefined);
    });

    test("public/local?only_media and hashtag/local map to their channels", async () => {
      await open("/public/local?only_media=true", bob);
      await listening(rig(), channels.public("local", true));
      await open("/hashtag/local?tag=Cats", bob);
      await listening(rig(), channels.hashtag("cats", true));
    });

    test("a client leaving ends its stream", async () => {
      await open("/public", bob);
      await listening(rig(), channels.public("all", false));
      for (const a of aborts.splice(0)) a.abort();
      await allClosed(rig());
      assert.equal(rig().ctx.pubsub.listenerCount(channels.public("all", false)), 0);
    });

    test("revoking the token ends the response", async () => {
      const token = await createToken(rig().ctx, "bob", "read");
      const res = await open("/user", token);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const revoked = await rig().send(
        "POST",
        "/oauth/revoke",
        new URLSearchParams({
          client_id: "test-client-id",
          client_secret: "test-client-secret",
          token,
        }),
      );
      assert.equal(revoked.status, 200);
      for (;;) if ((await reader.read()).done) break;
      await allClosed(rig());
    });
  },
  { listen: true },
);
