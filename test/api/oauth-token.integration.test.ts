// POST /oauth/token (every grant and its failures), POST /oauth/revoke and /oauth/userinfo.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertSpec, createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import { obtainCode, pkcePair, type RegisteredApp, registerApp, setPassword } from "./oauth-kit.ts";

interface TokenBody {
  access_token: string;
  token_type: string;
  scope: string;
  created_at: number;
}
interface ErrorBody {
  error: string;
  error_description?: string;
}

describeEachDatabase("OAuth token endpoint", (rig) => {
  let app: RegisteredApp;
  before(async () => {
    app = await registerApp(rig(), { client_name: "Tokens", scopes: "read write profile" });
    await setPassword(rig(), "alice");
  });

  const token = (body: Record<string, unknown>, init = {}) =>
    rig().send<TokenBody & ErrorBody>("POST", "/oauth/token", body, init);
  const creds = () => ({ client_id: app.client_id, client_secret: app.client_secret });
  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
  const verify = (t: string) => rig().get("/api/v1/apps/verify_credentials", bearer(t));

  function assertOAuthError(
    res: { status: number; body: unknown },
    status: 400 | 401,
    error: string,
  ) {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assertSpec("POST", "/oauth/token", status, res.body);
    assert.equal((res.body as ErrorBody).error, error);
    assert.ok((res.body as ErrorBody).error_description);
  }

  test("client_credentials gives an app token, read by default", async () => {
    const res = await token({ grant_type: "client_credentials", ...creds() });
    assert.equal(res.status, 200);
    assertSpec("POST", "/oauth/token", 200, res.body);
    assert.equal(res.body.token_type, "Bearer");
    assert.equal(res.body.scope, "read");
    assert.equal(res.body.created_at, Math.floor(Date.parse("2026-01-01T12:00:00Z") / 1000));
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.equal((await verify(res.body.access_token)).status, 200);
    const row = await rig()
      .ctx.db.selectFrom("oauth_access_tokens")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    assert.equal(row.user_id, null);
  });

  test("client credentials in HTTP Basic, and form bodies", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", scope: "write" });
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString("base64");
    const res = await token(form as never, { headers: { authorization: `Basic ${basic}` } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.scope, "write");
    // A granular scope is within its parent.
    const granular = await token({
      grant_type: "client_credentials",
      scope: "read:statuses",
      ...creds(),
    });
    assert.equal(granular.body.scope, "read:statuses");
  });

  test("bad client credentials are invalid_client (401)", async () => {
    assertOAuthError(
      await token({
        grant_type: "client_credentials",
        client_id: app.client_id,
        client_secret: "nope",
      }),
      401,
      "invalid_client",
    );
    assertOAuthError(
      await token({ grant_type: "client_credentials", client_id: "unknown", client_secret: "x" }),
      401,
      "invalid_client",
    );
    assertOAuthError(await token({ grant_type: "client_credentials" }), 401, "invalid_client");
  });

  test("scopes beyond the app's, or unknown, are invalid_scope; unknown grants refused", async () => {
    assertOAuthError(
      await token({ grant_type: "client_credentials", scope: "read follow", ...creds() }),
      400,
      "invalid_scope",
    );
    assertOAuthError(
      await token({ grant_type: "client_credentials", scope: "admin", ...creds() }),
      400,
      "invalid_scope",
    );
    assertOAuthError(
      await token({ grant_type: "implicit", ...creds() }),
      400,
      "unsupported_grant_type",
    );
    assertOAuthError(await token({ ...creds() }), 400, "invalid_request");
  });

  test("the password grant signs in with email and password", async () => {
    const alice = rig().fixtures.alice.user;
    const ok = await token({
      grant_type: "password",
      username: alice.email,
      password: alice.password,
      scope: "read write",
      ...creds(),
    });
    assert.equal(ok.status, 200, ok.text);
    assertSpec("POST", "/oauth/token", 200, ok.body);
    assert.equal(ok.body.scope, "read write");
    const wrong = await token({
      grant_type: "password",
      username: alice.email,
      password: "x",
      ...creds(),
    });
    const unknown = await token({
      grant_type: "password",
      username: "nobody@hearth.test",
      password: "x",
      ...creds(),
    });
    assertOAuthError(wrong, 400, "invalid_grant");
    assert.deepEqual(wrong.body, unknown.body);
  });

  test("the password grant refuses accounts with two-factor sign-in", async () => {
    await setPassword(rig(), "bob");
    const bob = rig().fixtures.bob.user;
    const grant = () =>
      token({ grant_type: "password", username: bob.email, password: bob.password, ...creds() });
    assert.equal((await grant()).status, 200);
    await rig()
      .ctx.db.insertInto("user_two_factor")
      .values({ user_id: bob.id, enabled_at: FIXED_TIME, updated_at: FIXED_TIME })
      .execute();
    assertOAuthError(await grant(), 400, "invalid_grant");
    await rig().ctx.db.deleteFrom("user_two_factor").where("user_id", "=", bob.id).execute();
  });

  test("authorization_code with PKCE: one exchange, then the code is spent", async () => {
    const { verifier, challenge } = pkcePair();
    const code = await obtainCode(rig(), app, { challenge, scope: "read profile" });
    const exchange = () =>
      token({
        grant_type: "authorization_code",
        code,
        redirect_uri: app.redirect_uri,
        code_verifier: verifier,
        ...creds(),
      });
    const first = await exchange();
    assert.equal(first.status, 200, first.text);
    assertSpec("POST", "/oauth/token", 200, first.body);
    assert.equal(first.body.scope, "read profile");
    assert.equal((await verify(first.body.access_token)).status, 200);
    // The replay fails, and the token the code bought is revoked (RFC 6749 §4.1.2).
    assertOAuthError(await exchange(), 400, "invalid_grant");
    const after = await verify(first.body.access_token);
    assert.equal(after.status, 401);
  });

  test("a wrong or missing PKCE verifier is invalid_grant and leaves the code usable", async () => {
    const { verifier, challenge } = pkcePair();
    const code = await obtainCode(rig(), app, { challenge });
    const base = {
      grant_type: "authorization_code",
      code,
      redirect_uri: app.redirect_uri,
      ...creds(),
    };
    assertOAuthError(
      await token({ ...base, code_verifier: pkcePair().verifier }),
      400,
      "invalid_grant",
    );
    assertOAuthError(await token(base), 400, "invalid_grant");
    assert.equal((await token({ ...base, code_verifier: verifier })).status, 200);
  });

  test("a code expires after 10 minutes", async () => {
    const code = await obtainCode(rig(), app);
    rig().clock.advance(10 * 60 * 1000 + 1000);
    assertOAuthError(
      await token({
        grant_type: "authorization_code",
        code,
        redirect_uri: app.redirect_uri,
        ...creds(),
      }),
      400,
      "invalid_grant",
    );
  });

  test("the redirect_uri must match, and the code belongs to its own client", async () => {
    const code = await obtainCode(rig(), app);
    assertOAuthError(
      await token({
        grant_type: "authorization_code",
        code,
        redirect_uri: "https://app.example/other",
        ...creds(),
      }),
      400,
      "invalid_grant",
    );
    const other = await registerApp(rig(), { client_name: "Other" });
    assertOAuthError(
      await token({
        grant_type: "authorization_code",
        code,
        redirect_uri: app.redirect_uri,
        client_id: other.client_id,
        client_secret: other.client_secret,
      }),
      400,
      "invalid_grant",
    );
    assertOAuthError(
      await token({
        grant_type: "authorization_code",
        code: "made-up",
        redirect_uri: app.redirect_uri,
        ...creds(),
      }),
      400,
      "invalid_grant",
    );
  });

  test("revoke: 200 {} for own, unknown and repeated tokens; 403 for another app's", async () => {
    const res = await token({ grant_type: "client_credentials", ...creds() });
    const t = res.body.access_token;
    const revoke = (body: Record<string, unknown>) =>
      rig().send<ErrorBody>("POST", "/oauth/revoke", body);
    const ok = await revoke({ token: t, ...creds() });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, {});
    assert.equal((await verify(t)).status, 401);
    assert.deepEqual((await revoke({ token: t, ...creds() })).body, {});
    assert.deepEqual((await revoke({ token: "unknown", ...creds() })).body, {});
    const foreign = await createToken(rig().ctx, "alice", "read");
    const refused = await revoke({ token: foreign, ...creds() });
    assert.equal(refused.status, 403);
    assertSpec("POST", "/oauth/revoke", 403, refused.body);
    assert.equal(refused.body.error, "unauthorized_client");
    assert.equal((await verify(foreign)).status, 200);
    const badClient = await revoke({
      token: foreign,
      client_id: app.client_id,
      client_secret: "x",
    });
    assert.equal(badClient.status, 401);
    assertSpec("POST", "/oauth/revoke", 401, badClient.body);
  });

  test("userinfo gives OpenID-style claims to a token with profile", async () => {
    const alice = await rig()
      .ctx.db.selectFrom("accounts")
      .selectAll()
      .where("id", "=", rig().fixtures.alice.id)
      .executeTakeFirstOrThrow();
    const base = rig().config.baseUrl;
    for (const method of ["GET", "POST"]) {
      const res = await rig().send<Record<string, unknown>>(
        method,
        "/oauth/userinfo",
        undefined,
        bearer(await createToken(rig().ctx, "alice", "profile")),
      );
      assert.equal(res.status, 200);
      // The spec documents no body for this path: the claims are checked one by one.
      assert.deepEqual(res.body, {
        iss: `${base}/`,
        sub: alice.uri,
        name: alice.display_name || alice.username,
        preferred_username: alice.username,
        profile: `${base}/@${alice.username}`,
        picture: `${base}/avatars/original/missing.png`,
      });
    }
    const noScope = await rig().get(
      "/oauth/userinfo",
      bearer(await createToken(rig().ctx, "alice", "write")),
    );
    assert.equal(noScope.status, 403);
    assertSpec("GET", "/oauth/userinfo", 403, noScope.body);
    const none = await rig().get("/oauth/userinfo");
    assert.equal(none.status, 401);
    assertSpec("GET", "/oauth/userinfo", 401, none.body);
  });
});
