// The streaming API as masto.js (Phanpy, Elk) uses it: the WebSocket URL from the v2 instance,
// the token as subprotocol, streams multiplexed with subscribe messages on one socket.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createStreamingAPIClient, type mastodon } from "masto";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { allClosed, listening } from "./streaming-kit.ts";

describeEachDatabase(
  "streaming through masto.js",
  (rig) => {
    test("user and hashtag streams on one socket receive a followed account's post", async () => {
      const bobToken = await createToken(rig().ctx, "bob", "read write follow");
      const bob = masto(rig(), bobToken);
      const alice = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      await bob.v1.accounts.$select(rig().fixtures.alice.id).follow();
      await runDueJobs(rig().ctx);
      const instance = await bob.v2.instance.fetch();
      const streaming = createStreamingAPIClient({
        streamingApiUrl: instance.configuration.urls.streaming,
        accessToken: bobToken,
        retry: false,
      });
      try {
        const next = async (subscription: mastodon.streaming.Subscription) => {
          for await (const event of subscription) return event;
          throw new Error("the subscription ended");
        };
        const home = next(streaming.user.subscribe());
        const tagged = next(streaming.hashtag.subscribe({ tag: "Hearth" }));
        await listening(rig(), channels.home(rig().fixtures.bob.id));
        await listening(rig(), channels.hashtag("hearth", false));
        const status = await alice.v1.statuses.create({ status: "hello #hearth" });
        await runDueJobs(rig().ctx);
        const [fromHome, fromTag] = await Promise.all([home, tagged]);
        assert.equal(fromHome.event, "update");
        assert.deepEqual(fromHome.stream, ["user"]);
        assert.equal(fromHome.event === "update" && fromHome.payload.id, status.id);
        assert.equal(fromHome.event === "update" && fromHome.payload.account.acct, "alice");
        assert.equal(fromTag.event, "update");
        assert.deepEqual(fromTag.stream, ["hashtag", "Hearth"]);
      } finally {
        streaming.close();
      }
      await allClosed(rig());
    });
  },
  { listen: true },
);
