// Security catalogue (shared/research/security.md §5), OAuth: G3 (admin scopes for people
// without a staff role), G5 (redirect_uri tricks), G6 (codes exchanged twice or by another
// client), O2 (only hashes of tokens, codes, secrets and sessions are stored).
// The plain cases are in test/pages/oauth-authorize and test/api/oauth-token; these add the
// other ways in (the password grant, a forged consent form) and the trickier URIs.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { hashToken } from "../../src/lib/tokens.ts";
import {
  browse,
  CookieJar,
  formFields,
  obtainCode,
  type RegisteredApp,
  registerApp,
  setPassword,
  signIn,
} from "../api/oauth-kit.ts";
import { assertSchema, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("security: OAuth", (rig) => {
  let app: RegisteredApp;
  before(async () => {
    app = await registerApp(rig(), {
      client_name: "Security",
      redirect_uris: ["https://app.example/callback", "http://127.0.0.1/cb"],
      scopes: "read write admin:read admin:write",
    });
    await setPassword(rig(), "alice");
    await setPassword(rig(), "admin");
  });

  const creds = () => ({ client_id: app.client_id, client_secret: app.client_secret });
  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });

  async function signedIn(name: "alice" | "admin"): Promise<CookieJar> {
    const jar = new CookieJar();
    const user = rig().fixtures[name].user;
    assert.equal((await signIn(rig(), jar, user.email, user.password)).status, 303);
    return jar;
  }

  const authorizeUrl = (fields: Record<string, string>) =>
    `/oauth/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: app.client_id,
      redirect_uri: "https://app.example/callback",
      scope: "read",
      ...fields,
    })}`;

  test("G3: the password grant withholds admin scopes from a person without a staff role", async () => {
    const grant = (name: "alice" | "admin", scope: string) =>
      rig().send<{ scope: string; error?: string }>("POST", "/oauth/token", {
        grant_type: "password",
        username: rig().fixtures[name].user.email,
        password: rig().fixtures[name].user.password,
        scope,
        ...creds(),
      });
    const alice = await grant("alice", "read admin:read admin:write");
    assert.equal(alice.status, 200, JSON.stringify(alice.body));
    assert.equal(alice.body.scope, "read");
    const onlyAdmin = await grant("alice", "admin:read");
    assert.equal(onlyAdmin.status, 400);
    assertSchema("Error", onlyAdmin.body);
    assert.equal(onlyAdmin.body.error, "invalid_scope");
    // Staff keep them.
    const admin = await grant("admin", "read admin:read");
    assert.equal(admin.status, 200);
    assert.equal(admin.body.scope, "read admin:read");
  });

  test("G3: a consent form forged to ask for admin scopes grants none of them", async () => {
    const jar = await signedIn("alice");
    const consent = await browse(rig(), jar, authorizeUrl({ scope: "read" }));
    assert.equal(consent.status, 200);
    const fields = formFields(consent.text, "/oauth/authorize");
    const res = await browse(rig(), jar, "/oauth/authorize", {
      ...fields,
      scope: "read admin:read admin:write",
      decision: "authorize",
    });
    const code = new URL(res.location as string).searchParams.get("code");
    if (code === null) return; // refused outright: nothing granted at all
    const token = await rig().send<{ scope: string }>("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: "https://app.example/callback",
      ...creds(),
    });
    assert.equal(token.status, 200);
    assert.doesNotMatch(token.body.scope, /admin/);
  });

  test("G5: redirect URIs that only look like the registered one get an error page and no code", async () => {
    const jar = await signedIn("alice");
    for (const uri of [
      "https://evil.example/callback",
      "https://app.example.evil/callback",
      "https://app.example.evil.example/callback",
      "https://app.example/callback/extra",
      "https://app.example/callback/../evil",
      "https://app.example/callbackx",
      "https://app.example:8443/callback",
      "http://app.example/callback",
      "https://APP.example/callback",
      "https://app.example/Callback",
      "https://app.example/callback/",
      "https://app.example@evil.example/callback",
      "https://app.example/callback@evil.example",
      "https://app.example/callback?next=https://evil.example",
      "https://app.example/callback#x",
      " https://app.example/callback",
      "https://app.example/callback%0d%0aLocation:%20https://evil.example",
      // Loopback ports may vary, nothing else: not the host, path, scheme or user.
      "http://127.0.0.1.evil.example/cb",
      "http://127.0.0.1@evil.example/cb",
      "http://localhost@evil.example:80/cb",
      "https://127.0.0.1:4000/cb",
      "http://127.0.0.1:4000/cb/",
      "http://127.0.0.1:4000/other",
      "http://evil.example:4000/cb",
    ]) {
      const res = await browse(rig(), jar, authorizeUrl({ redirect_uri: uri, state: "s" }));
      assert.equal(res.status, 400, uri);
      assert.equal(res.location, null, `${uri} must not redirect`);
      assert.match(res.text, /Authorization failed/);
      // The consent POST cannot be pointed elsewhere either.
      const consent = await browse(rig(), jar, authorizeUrl({}));
      const posted = await browse(rig(), jar, "/oauth/authorize", {
        ...formFields(consent.text, "/oauth/authorize"),
        redirect_uri: uri,
        decision: "authorize",
      });
      assert.ok(
        posted.location === null || posted.location.startsWith("https://app.example/callback?"),
        `${uri}: consent redirected to ${posted.location}`,
      );
      if (posted.location !== null) {
        // A code made for the registered URI cannot be exchanged with the forged one.
        const code = new URL(posted.location).searchParams.get("code");
        if (code !== null) {
          const t = await rig().send("POST", "/oauth/token", {
            grant_type: "authorization_code",
            code,
            redirect_uri: uri,
            ...creds(),
          });
          assert.equal(t.status, 400, `${uri}: a code bound elsewhere was exchanged`);
          assertSchema("Error", t.body);
        }
      }
    }
  });

  test("G6: a code exchanged twice, or by another client, fails and revokes what it bought", async () => {
    const other = await registerApp(rig(), { client_name: "Thief" });
    const exchange = (code: string, client: RegisteredApp) =>
      rig().send<{ access_token: string; error: string }>("POST", "/oauth/token", {
        grant_type: "authorization_code",
        code,
        redirect_uri: app.redirect_uri.split("\n")[0],
        client_id: client.client_id,
        client_secret: client.client_secret,
      });
    // Another client presenting an unused code gets nothing, and the code stays its owner's.
    const code = await obtainCode(rig(), app);
    const stolen = await exchange(code, other);
    assert.equal(stolen.status, 400);
    assertSchema("Error", stolen.body);
    assert.equal(stolen.body.error, "invalid_grant");
    const first = await exchange(code, app);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const works = await rig().get(
      "/api/v1/apps/verify_credentials",
      bearer(first.body.access_token),
    );
    assert.equal(works.status, 200);

    // Presented again by another client after use: refused, and the first token is revoked.
    const replayed = await exchange(code, other);
    assert.equal(replayed.status, 400);
    assertSchema("Error", replayed.body);
    const revoked = await rig().get(
      "/api/v1/apps/verify_credentials",
      bearer(first.body.access_token),
    );
    assert.equal(revoked.status, 401);
    assertSchema("Error", revoked.body);

    // Presented twice by its own client: the same.
    const again = await obtainCode(rig(), app);
    const one = await exchange(again, app);
    assert.equal(one.status, 200);
    const two = await exchange(again, app);
    assert.equal(two.status, 400);
    assertSchema("Error", two.body);
    assert.equal(
      (await rig().get("/api/v1/apps/verify_credentials", bearer(one.body.access_token))).status,
      401,
    );
  });

  test("O2: the database holds only hashes of tokens, codes, client secrets and sessions", async () => {
    const fresh = await registerApp(rig(), { client_name: "Hashes" });
    const jar = new CookieJar();
    const alice = rig().fixtures.alice.user;
    assert.equal((await signIn(rig(), jar, alice.email, alice.password)).status, 303);
    const session = jar.cookies.get("_hearth_session");
    assert.ok(session);
    const code = await obtainCode(rig(), fresh);
    const token = await rig().send<{ access_token: string }>("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: fresh.redirect_uri,
      client_id: fresh.client_id,
      client_secret: fresh.client_secret,
    });
    assert.equal(token.status, 200);
    const secrets = {
      access_token: token.body.access_token,
      code,
      client_secret: fresh.client_secret,
      session: decodeURIComponent(session),
    };
    // Every row of every table, as text.
    // Listed from this rig's own schema only (Kysely's introspection reads every schema, and
    // races with other test files dropping theirs on PostgreSQL).
    const listed =
      rig().dialect === "sqlite"
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
            rig().ctx.db,
          )
        : await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
            rig().ctx.db,
          );
    const tables = listed.rows.map((r) => r.name);
    assert.ok(tables.includes("oauth_access_tokens") && tables.includes("web_sessions"));
    let dump = "";
    for (const table of tables) {
      const rows = await rig()
        .ctx.db.selectFrom(table as "users")
        .selectAll()
        .execute();
      dump += JSON.stringify(rows);
    }
    assert.ok(dump.includes(hashToken(secrets.access_token)), "the token's hash is stored");
    assert.ok(dump.includes(hashToken(secrets.code)), "the code's hash is stored");
    for (const [name, secret] of Object.entries(secrets)) {
      assert.ok(secret.length >= 32, name);
      assert.equal(dump.includes(secret), false, `the raw ${name} is stored`);
      // Nor any long piece of it (a prefix kept for display would be one).
      assert.equal(dump.includes(secret.slice(0, 16)), false, `part of the ${name} is stored`);
    }
  });
});
