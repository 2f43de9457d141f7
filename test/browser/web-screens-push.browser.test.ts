// Push notifications from the app in Chromium: turning them on in the preferences asks for
// permission, registers /sw.js, subscribes with the server's VAPID key and hands the
// subscription to the server; a favourite then reaches the (loopback) push service encrypted
// for the browser's key; the service worker shows the message it is given; turning them off
// removes the subscription. The browser's Push API is stood in for by a subscription whose
// endpoint is the test's push service (headless Chromium has no push service to reach).
// Also: /manifest.json makes the app installable.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { setPassword } from "../api/oauth-kit.ts";
import {
  type BrowserKeys,
  browserKeys,
  decryptAes128gcm,
  type PushService,
  startPushService,
} from "../api/push-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { actAs, openApp, screenshots } from "./web-app-kit.ts";

const skip = browserSkipReason();

describeEachDatabase(
  "push notifications from the app in Chromium",
  (rig) => {
    const browser = useBrowser();
    let service: PushService;
    let keys: BrowserKeys;
    let post = "";

    before(async () => {
      service = await startPushService();
      keys = browserKeys();
      if (skip !== undefined) return;
      await setPassword(rig(), "alice");
      const alice = await actAs(rig(), "alice");
      post = (await alice.post("Push me")).id;
    });
    after(() => service.close());

    test("the manifest makes the app installable", async () => {
      const res = await rig().request("/manifest.json");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/manifest\+json/);
      const manifest = await res.json();
      assert.equal(manifest.start_url, "/home");
      assert.equal(manifest.display, "standalone");
      assert.equal(manifest.name, "Hearth");
      const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
      assert.ok(sizes.includes("192x192") && sizes.includes("512x512"));
      assert.equal(manifest.share_target.action, "/share");
      const icon = await rig().request(
        new URL(manifest.icons.find((i: { sizes: string }) => i.sizes === "512x512").src).pathname,
      );
      assert.equal(icon.status, 200);
      const worker = await rig().request("/sw.js");
      assert.equal(worker.status, 200);
      assert.match(worker.headers.get("content-type") ?? "", /javascript/);
      assert.equal(worker.headers.get("cache-control"), "no-cache");
      // The worker may fetch from this server only.
      assert.equal(
        worker.headers.get("content-security-policy"),
        "default-src 'none'; connect-src 'self'",
      );
    });

    test("turn push on, receive a favourite, see it shown, turn it off", { skip }, async () => {
      const { context, page, problems } = await openApp(
        browser(),
        rig(),
        "alice",
        "/settings/preferences",
      );
      try {
        await context.grantPermissions(["notifications"], { origin: rig().url });
        // The Push API answers with a subscription aimed at the test's push service.
        const fake = {
          endpoint: `${service.url}/push/alice`,
          p256dh: keys.p256dh,
          auth: keys.auth,
        };
        await page.evaluate((sub) => {
          let current: unknown = null;
          const make = (key: unknown) => ({
            endpoint: sub.endpoint,
            options: { applicationServerKey: key },
            toJSON: () => ({
              endpoint: sub.endpoint,
              keys: { p256dh: sub.p256dh, auth: sub.auth },
            }),
            unsubscribe: async () => {
              current = null;
              return true;
            },
          });
          PushManager.prototype.subscribe = async (options) => {
            current = make(options?.applicationServerKey);
            (window as unknown as { subscribedKey: unknown }).subscribedKey =
              options?.applicationServerKey;
            return current as PushSubscription;
          };
          PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
        }, fake);

        await page.getByLabel("Send notifications to this browser").check();
        await page.getByRole("status").getByText("Saved").waitFor();
        const rows = await rig().ctx.db.selectFrom("push_subscriptions").selectAll().execute();
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.endpoint, fake.endpoint);
        assert.equal(rows[0]?.standard, true);
        assert.equal(rows[0]?.alerts.favourite, true);
        // It subscribed with the server's VAPID key.
        const usedKey = await page.evaluate(() =>
          Array.from(
            new Uint8Array((window as unknown as { subscribedKey: ArrayBuffer }).subscribedKey),
          ),
        );
        assert.deepEqual(
          Buffer.from(usedKey).toString("base64url"),
          rig().ctx.secrets.vapidPublicKey,
        );
        await screenshots(page, "preferences-push");

        const bob = await actAs(rig(), "bob");
        await rig().send("POST", `/api/v1/statuses/${post}/favourite`, undefined, {
          headers: { authorization: `Bearer ${bob.token}` },
        });
        for (let i = 0; i < 3; i++) await runDueJobs(rig().ctx);
        assert.equal(service.received.length, 1);
        const payload = JSON.parse(decryptAes128gcm(keys, service.received[0]!.body));
        assert.equal(payload.title, "Bob favorited your post");
        assert.equal(payload.body, "Push me");

        // The service worker shows what a push service hands it.
        const cdp = await context.newCDPSession(page);
        // Enabling the domain reports the registrations there are (ours, at /).
        const registered = new Promise<{ registrationId: string }>((resolve) => {
          cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
            const ours = event.registrations.find((r) => r.scopeURL === `${rig().url}/`);
            if (ours !== undefined) resolve(ours);
          });
        });
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
        await cdp.send("ServiceWorker.enable");
        const registration = await registered;
        await cdp.send("ServiceWorker.deliverPushMessage", {
          origin: rig().url,
          registrationId: registration.registrationId,
          data: JSON.stringify(payload),
        });
        // The worker shows it once it has looked the notification up: wait for it to appear.
        const shown = await page.evaluate(async () => {
          const ready = await navigator.serviceWorker.ready;
          for (;;) {
            const [first] = await ready.getNotifications();
            if (first !== undefined)
              return { title: first.title, body: first.body, data: first.data };
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        });
        assert.equal(shown.title, "Bob favorited your post");
        assert.equal(shown.body, "Push me");
        // A click leads to the post.
        assert.equal(shown.data.url, `/@alice/${post}`);

        await page.getByLabel("Send notifications to this browser").uncheck();
        await page.getByRole("status").getByText("Saved").waitFor();
        assert.equal(
          (await rig().ctx.db.selectFrom("push_subscriptions").selectAll().execute()).length,
          0,
        );
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
