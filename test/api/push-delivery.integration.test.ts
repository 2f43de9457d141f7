// Web Push delivery: a notification for a subscribed user reaches a (loopback) push service
// encrypted for the browser's key and signed with our VAPID key, with Mastodon's payload;
// alerts and the policy hold back what they should; a 404/410 removes the subscription,
// other failures keep it and retry; a revoked token's subscription is dropped; a private
// endpoint is refused unless the private-address switch is on.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { jobHandlers } from "../../src/jobs/handlers.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import { deliverPush } from "../../src/services/push/deliver-push.ts";
import { createRig, createToken, describeEachDatabase, fixtures, type Rig } from "../rig/index.ts";
import { ok, post, reset, settle } from "./notifications-kit.ts";
import {
  type BrowserKeys,
  browserKeys,
  decryptAes128gcm,
  decryptAesgcm,
  type PushService,
  startPushService,
  verifyVapidJwt,
} from "./push-kit.ts";
import type { Json } from "./statuses-kit.ts";

const PATH = "/api/v1/push/subscription";

describeEachDatabase(
  "push delivery",
  (rig) => {
    let service: PushService;
    let alice = "";
    let bob = "";
    let keys: BrowserKeys;

    const subscribe = async (data: Json, standard = true, token = bob) =>
      ok(rig(), "POST", PATH, token, {
        subscription: {
          endpoint: `${service.url}/push/bob`,
          keys: { p256dh: keys.p256dh, auth: keys.auth },
          standard,
        },
        data,
      });
    const favourite = async (text: string) => {
      const status = await post(rig(), bob, { status: text });
      await ok(rig(), "POST", `/api/v1/statuses/${status.id}/favourite`, alice);
      await settle(rig());
      return status;
    };
    const serverKey = () => rig().ctx.secrets.vapidPublicKey as string;

    before(async () => {
      service = await startPushService();
      alice = await createToken(rig().ctx, "alice");
      bob = await createToken(rig().ctx, "bob");
      keys = browserKeys();
    });
    after(() => service.close());
    beforeEach(async () => {
      await reset(rig());
      await rig().ctx.db.deleteFrom("push_subscriptions").execute();
      service.received.length = 0;
      service.answer = 201;
    });

    test("a favourite is pushed: aes128gcm for the browser's key, VAPID-signed, Mastodon's payload", async () => {
      await subscribe({ alerts: { favourite: true } });
      await favourite("Hello push world");
      assert.equal(service.received.length, 1);
      const [sent] = service.received as [(typeof service.received)[0]];
      assert.equal(sent.path, "/push/bob");
      assert.equal(sent.headers["content-encoding"], "aes128gcm");
      assert.equal(sent.headers["content-type"], "application/octet-stream");
      assert.equal(sent.headers.ttl, String(48 * 3600));
      assert.equal(sent.headers.urgency, "normal");
      const vapid = /^vapid t=([^,]+), k=(.+)$/.exec(sent.headers.authorization ?? "");
      assert.ok(vapid, sent.headers.authorization);
      assert.equal(vapid[2], serverKey());
      const claims = verifyVapidJwt(vapid[1] as string, serverKey());
      assert.equal(claims.aud, service.url);
      // The server signs as itself (its https origin; a mailto: address on plain http).
      assert.equal(claims.sub, new URL(rig().url).origin);

      const [notification] = await ok(rig(), "GET", "/api/v1/notifications", bob);
      assert.deepEqual(JSON.parse(decryptAes128gcm(keys, sent.body)), {
        access_token: bob,
        preferred_locale: "en",
        notification_id: Number(notification.id),
        notification_type: "favourite",
        icon: `${rig().url}/avatars/original/missing.png`,
        title: "Alice favorited your post",
        body: "Hello push world",
      });
    });

    test("a legacy subscription (standard false) gets aesgcm, a CW is the body", async () => {
      await subscribe({ alerts: { mention: true } }, false);
      await post(rig(), alice, { status: "@bob secret stuff", spoiler_text: "Spoilers ahead" });
      await settle(rig());
      assert.equal(service.received.length, 1);
      const [sent] = service.received as [(typeof service.received)[0]];
      assert.equal(sent.headers["content-encoding"], "aesgcm");
      assert.match(sent.headers["crypto-key"] ?? "", new RegExp(`p256ecdsa=${serverKey()}`));
      const jwt = /^WebPush (.+)$/.exec(sent.headers.authorization ?? "");
      assert.ok(jwt, sent.headers.authorization);
      verifyVapidJwt(jwt[1] as string, serverKey());
      const payload = JSON.parse(decryptAesgcm(keys, sent));
      assert.equal(payload.notification_type, "mention");
      assert.equal(payload.title, "You were mentioned by Alice");
      assert.equal(payload.body, "Spoilers ahead");
    });

    test("a long post's body is cut at 140 characters", async () => {
      await subscribe({ alerts: { favourite: true } });
      await favourite(`${"word ".repeat(60)}end`);
      const payload = JSON.parse(decryptAes128gcm(keys, service.received[0]!.body));
      assert.equal([...payload.body].length, 140);
      assert.ok(payload.body.endsWith("..."));
    });

    test("alerts that are off and policies hold notifications back", async () => {
      // The follow alert is off: a follow is not pushed.
      await subscribe({ alerts: { favourite: true } });
      await ok(rig(), "POST", `/api/v1/accounts/${fixtures.bob.id}/follow`, alice);
      await settle(rig());
      assert.equal(service.received.length, 0);
      // `followed`: only accounts bob follows.
      await ok(rig(), "PUT", PATH, bob, {
        data: { alerts: { favourite: true }, policy: "followed" },
      });
      await favourite("not yet");
      assert.equal(service.received.length, 0);
      await ok(rig(), "POST", `/api/v1/accounts/${fixtures.alice.id}/follow`, bob);
      await favourite("now");
      assert.equal(service.received.length, 1);
      // `follower`: alice follows bob (above), so she gets through; `none` lets nobody through.
      await ok(rig(), "PUT", PATH, bob, {
        data: { alerts: { favourite: true }, policy: "follower" },
      });
      await favourite("follower");
      assert.equal(service.received.length, 2);
      await ok(rig(), "PUT", PATH, bob, { data: { alerts: { favourite: true }, policy: "none" } });
      await favourite("none");
      assert.equal(service.received.length, 2);
    });

    /** Runs the jobs but keeps the push jobs back, returning their payloads. */
    const heldPushes = async () => {
      const held: { subscriptionId: string; notificationId: string }[] = [];
      const handlers = {
        ...jobHandlers,
        "push.deliver": {
          run: async (_: unknown, payload: (typeof held)[0]) => void held.push(payload),
        },
      };
      for (let i = 0; i < 5; i++) await runDueJobs(rig().ctx, { handlers: handlers as never });
      return held;
    };

    test("the alert is checked again when the job runs", async () => {
      await subscribe({ alerts: { favourite: true } });
      const status = await post(rig(), bob, { status: "changed my mind" });
      await ok(rig(), "POST", `/api/v1/statuses/${status.id}/favourite`, alice);
      const [job] = await heldPushes();
      assert.ok(job, "a push job was written");
      await ok(rig(), "PUT", PATH, bob, { data: { alerts: { mention: true } } });
      assert.equal(await deliverPush(rig().ctx, job), "skipped");
      assert.equal(service.received.length, 0);
    });

    for (const status of [410, 404]) {
      test(`a ${status} from the push service removes the subscription`, async () => {
        await subscribe({ alerts: { favourite: true } });
        service.answer = status;
        await favourite(`gone ${status}`);
        assert.equal(service.received.length, 1);
        const res = await rig().send<Json>("GET", PATH, undefined, {
          headers: { authorization: `Bearer ${bob}` },
        });
        assert.equal(res.status, 404);
      });
    }

    test("a 500 or 429 keeps the subscription and the job retries", async () => {
      await subscribe({ alerts: { favourite: true } });
      service.answer = 500;
      await favourite("try again");
      assert.equal(service.received.length, 1);
      const job = await rig()
        .ctx.db.selectFrom("jobs")
        .select(["attempts"])
        .where("type", "=", "push.deliver")
        .executeTakeFirstOrThrow();
      assert.equal(Number(job.attempts), 1);
      service.answer = 429;
      rig().clock.advance(15_000);
      await runDueJobs(rig().ctx);
      assert.equal(service.received.length, 2);
      service.answer = 201;
      rig().clock.advance(60_000);
      await runDueJobs(rig().ctx);
      assert.equal(service.received.length, 3);
      const left = await rig()
        .ctx.db.selectFrom("jobs")
        .select("id")
        .where("type", "=", "push.deliver")
        .execute();
      assert.equal(left.length, 0);
      assert.equal((await ok(rig(), "GET", PATH, bob)).endpoint, `${service.url}/push/bob`);
      // The retried message is the same notification.
      const ids = service.received.map(
        (r) => JSON.parse(decryptAes128gcm(keys, r.body)).notification_id,
      );
      assert.equal(new Set(ids).size, 1);
    });

    test("a revoked token's subscription gets nothing and is removed", async () => {
      const token = await createToken(rig().ctx, "bob", "push");
      await subscribe({ alerts: { favourite: true } }, true, token);
      const revoke = (which: string) =>
        rig()
          .ctx.db.updateTable("oauth_access_tokens")
          .set({ revoked_at: rig().clock.now().toISOString() })
          .where("token_hash", "=", hashToken(which))
          .execute();
      // Revoked after the push was queued: the job drops the subscription.
      const status = await post(rig(), bob, { status: "revoked" });
      await ok(rig(), "POST", `/api/v1/statuses/${status.id}/favourite`, alice);
      const [job] = await heldPushes();
      assert.ok(job, "a push job was written");
      await revoke(token);
      assert.equal(await deliverPush(rig().ctx, job), "removed");
      assert.equal(service.received.length, 0);
      assert.equal(await deliverPush(rig().ctx, job), "skipped");
      // Revoked before the notification: no push job is written at all.
      const second = await createToken(rig().ctx, "bob", "push");
      await subscribe({ alerts: { favourite: true } }, true, second);
      await revoke(second);
      await favourite("after revoking");
      assert.equal(service.received.length, 0);
    });
  },
  { env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);

test("without the private-address switch, a loopback endpoint is refused and dropped", async () => {
  const local: Rig = await createRig();
  const service = await startPushService();
  try {
    const keys = browserKeys();
    const bob = await createToken(local.ctx, "bob");
    const alice = await createToken(local.ctx, "alice");
    await ok(local, "POST", PATH, bob, {
      subscription: {
        endpoint: `${service.url}/x`,
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      },
      data: { alerts: { favourite: true } },
    });
    const status = await post(local, bob, { status: "private" });
    await ok(local, "POST", `/api/v1/statuses/${status.id}/favourite`, alice);
    await settle(local);
    assert.equal(service.received.length, 0);
    const res = await local.send("GET", PATH, undefined, {
      headers: { authorization: `Bearer ${bob}` },
    });
    assert.equal(res.status, 404);
    // And the service says so when called directly.
    assert.equal(
      await deliverPush(local.ctx, { subscriptionId: "1", notificationId: "1" }),
      "skipped",
    );
  } finally {
    await service.close();
    await local.close();
  }
});
