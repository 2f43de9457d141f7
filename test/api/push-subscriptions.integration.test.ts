// Web Push subscriptions through the API: scope `push`, one subscription per access token
// (a new POST replaces it, other tokens are untouched), PUT replaces only `data`, bad
// endpoints, keys and policies are refused without changing anything, and the server key is
// the one /api/v2/instance and /api/v1/apps publish.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { PUSH_ALERT_TYPES } from "../../src/domain/push.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import {
  assertAuthEnforced,
  assertSchema,
  createToken,
  describeEachDatabase,
  fixtures,
} from "../rig/index.ts";
import { browserKeys } from "./push-kit.ts";
import { call, type Json } from "./statuses-kit.ts";

const PATH = "/api/v1/push/subscription";

describeEachDatabase("push subscriptions", (rig) => {
  let bob = "";
  const keys = browserKeys();
  const body = (endpoint: string, data?: unknown) => ({
    subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } },
    ...(data === undefined ? {} : { data }),
  });
  const ok = async (method: string, token: string, payload?: unknown): Promise<Json> => {
    const res = await call(rig(), method, PATH, token, payload);
    assert.equal(res.status, 200, `${method}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const refused = async (method: string, token: string, payload: unknown, status: number) => {
    const res = await rig().send<Json>(method, PATH, payload, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, status, JSON.stringify(res.body));
    // Mastodon answers these with a plain error (no `details`, which only sign-up has).
    assertSchema("Error", res.body);
    return res.body.error as string;
  };

  before(async () => {
    bob = await createToken(rig().ctx, "bob", "read write push");
  });

  test("scope push, a user's token: 401 / 403 / 422 otherwise", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"])
      await assertAuthEnforced(rig(), {
        method,
        path: PATH,
        scope: "push",
        body: method === "POST" ? body("https://push.example/x") : undefined,
      });
    // A token with read write follow, but not push, is refused.
    const noPush = await createToken(rig().ctx, "bob", "read write follow");
    assert.equal((await rig().send("GET", PATH, undefined, auth(noPush))).status, 403);
  });

  test("none yet: 404; POST creates it with every alert key and the server key", async () => {
    const missing = await call(rig(), "GET", PATH, bob);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { error: "Record not found" });
    const created = await ok(
      "POST",
      bob,
      body("https://push.example/send/abc", { alerts: { mention: true, favourite: "1" } }),
    );
    assert.equal(created.endpoint, "https://push.example/send/abc");
    assert.equal(created.standard, false);
    assert.equal(created.policy, "all");
    assert.deepEqual(Object.keys(created.alerts).sort(), [...PUSH_ALERT_TYPES].sort());
    assert.equal(created.alerts.mention, true);
    assert.equal(created.alerts.favourite, true);
    assert.equal(created.alerts.follow, false);
    const instance = await rig().get<Json>("/api/v2/instance");
    const serverKey = instance.body.configuration.vapid.public_key;
    assert.equal(created.server_key, serverKey);
    assert.equal(Buffer.from(serverKey, "base64url").length, 65);
    assert.deepEqual(await ok("GET", bob), created);
  });

  test("Rails form keys work, and a new POST replaces the token's subscription", async () => {
    const before = await ok("GET", bob);
    const form = new URLSearchParams({
      "subscription[endpoint]": "https://push.example/send/def",
      "subscription[keys][p256dh]": keys.p256dh,
      "subscription[keys][auth]": keys.auth,
      "subscription[standard]": "true",
      "data[alerts][follow]": "true",
      "data[alerts][mention]": "false",
      "data[policy]": "followed",
    });
    const res = await rig().send<Json>("POST", PATH, form, auth(bob));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.notEqual(res.body.id, before.id);
    assert.equal(res.body.standard, true);
    assert.equal(res.body.policy, "followed");
    assert.equal(res.body.alerts.follow, true);
    assert.equal(res.body.alerts.mention, false);
    assert.equal(await count(), 1);
  });

  test("each token has its own subscription", async () => {
    const other = await createToken(rig().ctx, "bob", "push");
    assert.equal((await call(rig(), "GET", PATH, other)).status, 404);
    await ok("POST", other, body("https://push.example/send/second"));
    assert.equal((await ok("GET", bob)).endpoint, "https://push.example/send/def");
    assert.equal((await ok("GET", other)).endpoint, "https://push.example/send/second");
    const alice = await createToken(rig().ctx, "alice", "push");
    assert.equal((await call(rig(), "GET", PATH, alice)).status, 404);
    assert.equal((await rig().send("DELETE", PATH, undefined, auth(other))).status, 200);
  });

  test("PUT replaces data only: alerts left out are off, endpoint and keys stay", async () => {
    const updated = await ok("PUT", bob, {
      data: { alerts: { reblog: true, poll: true }, policy: "follower" },
    });
    assert.equal(updated.endpoint, "https://push.example/send/def");
    assert.equal(updated.policy, "follower");
    assert.equal(updated.alerts.reblog, true);
    assert.equal(updated.alerts.follow, false);
    // The endpoint cannot be changed this way.
    const again = await ok("PUT", bob, { subscription: { endpoint: "https://evil.example/" } });
    assert.equal(again.endpoint, "https://push.example/send/def");
    assert.equal(again.policy, "all");
    assert.equal(again.alerts.reblog, false);
  });

  test("bad input is refused and changes nothing", async () => {
    const before = await ok("GET", bob);
    assert.match(await refused("POST", bob, {}, 400), /subscription/);
    const cases: [unknown, RegExp][] = [
      [body(""), /Endpoint can't be blank/],
      [body("ftp://push.example/x"), /not a valid URL/],
      [body("javascript:alert(1)"), /not a valid URL/],
      [body("not a url"), /not a valid URL/],
      [body("https://user:pw@push.example/x"), /not a valid URL/],
      [body(`https://push.example/${"a".repeat(2100)}`), /too long/],
      [
        { subscription: { endpoint: "https://push.example/x", keys: { auth: keys.auth } } },
        /p256dh can't be blank/,
      ],
      [
        { subscription: { endpoint: "https://push.example/x", keys: { p256dh: keys.p256dh } } },
        /auth can't be blank/,
      ],
      [
        {
          subscription: {
            endpoint: "https://push.example/x",
            // 65 bytes, but not a point on the curve.
            keys: { p256dh: Buffer.alloc(65, 4).toString("base64url"), auth: keys.auth },
          },
        },
        /p256dh is not a valid/,
      ],
      [
        {
          subscription: {
            endpoint: "https://push.example/x",
            keys: { p256dh: "%%%not-base64%%%", auth: keys.auth },
          },
        },
        /p256dh is not a valid/,
      ],
      [
        {
          subscription: {
            endpoint: "https://push.example/x",
            keys: { p256dh: keys.p256dh, auth: Buffer.alloc(8).toString("base64url") },
          },
        },
        /auth must be 16 bytes/,
      ],
      [body("https://push.example/x", { policy: "everyone" }), /Policy/],
    ];
    for (const [payload, message] of cases)
      assert.match(await refused("POST", bob, payload, 422), message);
    assert.match(await refused("PUT", bob, { data: { policy: "x" } }, 422), /Policy/);
    assert.deepEqual(await ok("GET", bob), before);
  });

  test("DELETE removes it (and answers {} when there is none); PUT then 404", async () => {
    const res = await rig().send<Json>("DELETE", PATH, undefined, auth(bob));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {});
    assert.equal((await call(rig(), "GET", PATH, bob)).status, 404);
    assert.equal((await call(rig(), "PUT", PATH, bob, { data: {} })).status, 404);
    const again = await rig().send<Json>("DELETE", PATH, undefined, auth(bob));
    assert.deepEqual([again.status, again.body], [200, {}]);
  });

  test("the subscription goes with its token; apps show the same server key", async () => {
    const token = await createToken(rig().ctx, "bob", "push");
    await ok("POST", token, body("https://push.example/send/third"));
    const before = await count();
    await rig()
      .ctx.db.deleteFrom("oauth_access_tokens")
      .where("token_hash", "=", hashToken(token))
      .execute();
    assert.equal(await count(), before - 1);
    const app = await rig().send<Json>("POST", "/api/v1/apps", {
      client_name: "Pusher",
      redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
      scopes: "read push",
    });
    assert.equal(app.status, 200);
    const instance = await rig().get<Json>("/api/v2/instance");
    assert.equal(app.body.vapid_key, instance.body.configuration.vapid.public_key);
  });

  const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const count = async () =>
    Number(
      (
        await rig()
          .ctx.db.selectFrom("push_subscriptions")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("user_id", "=", fixtures.bob.user.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
});
