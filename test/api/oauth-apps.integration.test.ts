// POST /api/v1/apps, GET /api/v1/apps/verify_credentials and the OAuth server metadata.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ALL_SCOPES } from "../../src/domain/scopes.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import { assertSpec, createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import { registerApp } from "./oauth-kit.ts";

const countApps = async (rig: Rig) =>
  Number(
    (
      await rig.ctx.db
        .selectFrom("oauth_applications")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDatabase("app registration", (rig) => {
  test("JSON registration returns a CredentialApplication; the secret is stored hashed", async () => {
    const res = await rig().send<Record<string, unknown>>("POST", "/api/v1/apps", {
      client_name: "Phanpy",
      redirect_uris: "https://phanpy.example/\nurn:ietf:wg:oauth:2.0:oob",
      scopes: "read write follow push",
      website: "https://phanpy.example",
    });
    assert.equal(res.status, 200);
    assertSpec("POST", "/api/v1/apps", 200, res.body);
    const body = res.body;
    assert.equal(body.name, "Phanpy");
    assert.equal(body.website, "https://phanpy.example");
    assert.deepEqual(body.scopes, ["read", "write", "follow", "push"]);
    assert.deepEqual(body.redirect_uris, ["https://phanpy.example/", "urn:ietf:wg:oauth:2.0:oob"]);
    assert.equal(body.redirect_uri, "https://phanpy.example/\nurn:ietf:wg:oauth:2.0:oob");
    assert.equal(body.vapid_key, rig().ctx.secrets.vapidPublicKey);
    assert.equal(body.client_secret_expires_at, 0);
    const row = await rig()
      .ctx.db.selectFrom("oauth_applications")
      .selectAll()
      .where("id", "=", body.id as string)
      .executeTakeFirstOrThrow();
    assert.equal(row.client_secret_hash, hashToken(body.client_secret as string));
    assert.notEqual(row.client_secret_hash, body.client_secret);
  });

  test("form bodies, a list of redirect URIs, loopback and custom schemes; scopes default to read", async () => {
    const form = new URLSearchParams();
    form.set("client_name", "Desktop");
    form.append("redirect_uris[]", "http://127.0.0.1:8080/callback");
    form.append("redirect_uris[]", "http://localhost/cb");
    form.append("redirect_uris[]", "myapp://oauth");
    const res = await rig().send<{ scopes: string[]; redirect_uris: string[]; website: null }>(
      "POST",
      "/api/v1/apps",
      form,
    );
    assert.equal(res.status, 200, res.text);
    assertSpec("POST", "/api/v1/apps", 200, res.body);
    assert.deepEqual(res.body.scopes, ["read"]);
    assert.equal(res.body.website, null);
    assert.deepEqual(res.body.redirect_uris, [
      "http://127.0.0.1:8080/callback",
      "http://localhost/cb",
      "myapp://oauth",
    ]);
  });

  test("invalid registrations answer 422 and store nothing", async () => {
    const before = await countApps(rig());
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ redirect_uris: "https://a.example/" }, /Application name can't be blank/],
      [{ client_name: "x" }, /Redirect URI can't be blank/],
      [{ client_name: "x", redirect_uris: "/relative" }, /must be an absolute URI/],
      [{ client_name: "x", redirect_uris: "https://a.example/#frag" }, /cannot contain a fragment/],
      [{ client_name: "x", redirect_uris: "javascript:alert(1)" }, /must be an absolute URI/],
      [{ client_name: "x", redirect_uris: "oob", scopes: "read" }, /absolute URI/],
      [
        { client_name: "x", redirect_uris: "https://a.example/", scopes: "read admin" },
        /Scopes doesn't match configured on the server/,
      ],
      [
        { client_name: "x", redirect_uris: "https://a.example/", website: "not a url" },
        /Website is invalid/,
      ],
      [{ client_name: "x".repeat(61), redirect_uris: "https://a.example/" }, /too long/],
    ];
    for (const [body, message] of cases) {
      const res = await rig().send<{ error: string }>("POST", "/api/v1/apps", body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assertSpec("POST", "/api/v1/apps", 422, res.body);
      assert.match(res.body.error, /^Validation failed: /);
      assert.match(res.body.error, message);
    }
    assert.equal(await countApps(rig()), before);
  });

  test("verify_credentials answers for app and user tokens, 401 without one", async () => {
    const app = await registerApp(rig(), { client_name: "Verifier" });
    const token = await rig().send<{ access_token: string }>("POST", "/oauth/token", {
      grant_type: "client_credentials",
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    const res = await rig().get<Record<string, unknown>>("/api/v1/apps/verify_credentials", {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    assert.equal(res.status, 200);
    assertSpec("GET", "/api/v1/apps/verify_credentials", 200, res.body);
    assert.equal(res.body.name, "Verifier");
    assert.equal(res.body.client_secret, undefined);
    assert.equal(res.body.client_id, undefined);
    const user = await rig().get("/api/v1/apps/verify_credentials", {
      headers: { authorization: `Bearer ${await createToken(rig().ctx, "alice", "push")}` },
    });
    assert.equal(user.status, 200);
    const none = await rig().get("/api/v1/apps/verify_credentials");
    assert.equal(none.status, 401);
    assertSpec("GET", "/api/v1/apps/verify_credentials", 401, none.body);
  });

  test("one address may register 30 apps per 5 minutes", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < 30; i++) await registerApp(rig(), {}, ip);
    const res = await rig().send(
      "POST",
      "/api/v1/apps",
      { client_name: "x", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      { ip },
    );
    assert.equal(res.status, 429);
    assertSpec("POST", "/api/v1/apps", 429, res.body);
    assert.equal(
      (await registerApp(rig(), {}, "198.51.100.78")).redirect_uri,
      "https://app.example/callback",
    );
  });

  test("the authorization server metadata lists endpoints, scopes and PKCE", async () => {
    const res = await rig().get<Record<string, unknown>>("/.well-known/oauth-authorization-server");
    assert.equal(res.status, 200);
    assertSpec("GET", "/.well-known/oauth-authorization-server", 200, res.body);
    const base = rig().config.baseUrl;
    assert.equal(res.body.issuer, `${base}/`);
    assert.equal(res.body.token_endpoint, `${base}/oauth/token`);
    assert.equal(res.body.app_registration_endpoint, `${base}/api/v1/apps`);
    assert.deepEqual(res.body.scopes_supported, ALL_SCOPES);
    assert.deepEqual(res.body.code_challenge_methods_supported, ["S256"]);
    assert.deepEqual(res.body.response_types_supported, ["code"]);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
  });
});
