// GET/POST /oauth/authorize through the HTML pages, as a browser drives them: sign-in redirect,
// consent, the code, PKCE, oob, deny, force_login, CSRF and requests that must not redirect.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  browse,
  CookieJar,
  formFields,
  inputValue,
  pkcePair,
  type RegisteredApp,
  registerApp,
  setPassword,
  signIn,
} from "../api/oauth-kit.ts";
import { assertSpec, describeEachDatabase, type Rig } from "../rig/index.ts";

const countGrants = async (rig: Rig) =>
  Number(
    (
      await rig.ctx.db
        .selectFrom("oauth_access_grants")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDatabase("OAuth authorize pages", (rig) => {
  let app: RegisteredApp;
  before(async () => {
    app = await registerApp(rig(), {
      client_name: "Pages <App>",
      redirect_uris: [
        "https://app.example/callback",
        "urn:ietf:wg:oauth:2.0:oob",
        "http://127.0.0.1/cb",
      ],
      scopes: "read write profile admin:read",
    });
    await setPassword(rig(), "alice");
    await setPassword(rig(), "admin");
  });

  const authorizeUrl = (fields: Record<string, string>) =>
    `/oauth/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: app.client_id,
      redirect_uri: "https://app.example/callback",
      ...fields,
    })}`;

  async function signedIn(name: "alice" | "admin" = "alice"): Promise<CookieJar> {
    const jar = new CookieJar();
    const user = rig().fixtures[name].user;
    assert.equal((await signIn(rig(), jar, user.email, user.password)).status, 303);
    return jar;
  }

  test("the whole flow: sign-in redirect, consent, code, token with PKCE, API call", async () => {
    const jar = new CookieJar();
    const { verifier, challenge } = pkcePair();
    const start = await browse(
      rig(),
      jar,
      authorizeUrl({
        scope: "read write",
        state: "xyz",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    );
    assert.equal(start.status, 302);
    const signInUrl = new URL(start.location as string, rig().url);
    assert.equal(signInUrl.pathname, "/auth/sign_in");
    const returnTo = signInUrl.searchParams.get("return_to") as string;
    assert.ok(returnTo.startsWith("/oauth/authorize?"));

    const form = await browse(rig(), jar, `${signInUrl.pathname}${signInUrl.search}`);
    assert.equal(form.status, 200);
    assert.match(form.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.equal(inputValue(form.text, "return_to"), returnTo);
    const alice = rig().fixtures.alice.user;
    const posted = await browse(rig(), jar, "/auth/sign_in", {
      authenticity_token: inputValue(form.text, "authenticity_token"),
      return_to: returnTo,
      email: alice.email,
      password: alice.password,
    });
    assert.equal(posted.status, 303, posted.text);
    assert.equal(posted.location, returnTo);

    const consent = await browse(rig(), jar, returnTo);
    assert.equal(consent.status, 200);
    // The app's name is escaped, and the scopes are listed.
    assert.ok(consent.text.includes("Pages &lt;App&gt;"));
    assert.ok(!consent.text.includes("Pages <App>"));
    assert.match(consent.text, /<code>read<\/code>/);
    assert.match(consent.text, /<code>write<\/code>/);
    // The redirect after the POST must pass the page's form-action (Chromium checks it).
    assert.match(
      consent.headers.get("content-security-policy") ?? "",
      /form-action 'self' https:\/\/app\.example;/,
    );
    const decision = await browse(rig(), jar, "/oauth/authorize", {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "authorize",
    });
    assert.equal(decision.status, 302);
    const back = new URL(decision.location as string);
    assert.equal(`${back.origin}${back.pathname}`, "https://app.example/callback");
    assert.equal(back.searchParams.get("state"), "xyz");
    const code = back.searchParams.get("code") as string;

    const token = await rig().send<{ access_token: string; scope: string }>(
      "POST",
      "/oauth/token",
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: "https://app.example/callback",
        code_verifier: verifier,
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: "ignored for this grant",
      },
    );
    assert.equal(token.status, 200, token.text);
    assertSpec("POST", "/oauth/token", 200, token.body);
    assert.equal(token.body.scope, "read write");
    const me = await rig().get<{ name: string }>("/api/v1/apps/verify_credentials", {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    assert.equal(me.status, 200);
    assertSpec("GET", "/api/v1/apps/verify_credentials", 200, me.body);
    assert.equal(me.body.name, "Pages <App>");
  });

  test("an unknown client or an unregistered redirect URI shows an error page, never a redirect", async () => {
    const jar = await signedIn();
    for (const url of [
      authorizeUrl({ client_id: "unknown" }),
      authorizeUrl({ redirect_uri: "https://evil.example/callback" }),
      authorizeUrl({ redirect_uri: "https://app.example/callback/extra" }),
      authorizeUrl({ redirect_uri: "https://app.example.evil/callback" }),
      authorizeUrl({ redirect_uri: "http://127.0.0.1:9999/other" }),
    ]) {
      const res = await browse(rig(), jar, url);
      assert.equal(res.status, 400, url);
      assert.equal(res.location, null);
      assert.match(res.text, /Authorization failed/);
    }
  });

  test("other problems go back to the app as ?error=", async () => {
    const jar = await signedIn();
    const scope = await browse(rig(), jar, authorizeUrl({ scope: "follow", state: "s1" }));
    assert.equal(scope.status, 302);
    const url = new URL(scope.location as string);
    assert.equal(url.searchParams.get("error"), "invalid_scope");
    assert.equal(url.searchParams.get("state"), "s1");
    const type = await browse(rig(), jar, authorizeUrl({ response_type: "token" }));
    assert.equal(
      new URL(type.location as string).searchParams.get("error"),
      "unsupported_response_type",
    );
    const plain = await browse(
      rig(),
      jar,
      authorizeUrl({ code_challenge: pkcePair().verifier, code_challenge_method: "plain" }),
    );
    assert.equal(new URL(plain.location as string).searchParams.get("error"), "invalid_request");
  });

  test("Deny sends access_denied with the state", async () => {
    const jar = await signedIn();
    const consent = await browse(rig(), jar, authorizeUrl({ state: "st" }));
    const res = await browse(rig(), jar, "/oauth/authorize", {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "deny",
    });
    assert.equal(res.status, 302);
    const url = new URL(res.location as string);
    assert.equal(url.searchParams.get("error"), "access_denied");
    assert.equal(url.searchParams.get("state"), "st");
    assert.equal(url.searchParams.get("code"), null);
  });

  test("out-of-band shows the code on a page", async () => {
    const jar = await signedIn();
    const consent = await browse(
      rig(),
      jar,
      authorizeUrl({ redirect_uri: "urn:ietf:wg:oauth:2.0:oob" }),
    );
    const res = await browse(rig(), jar, "/oauth/authorize", {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "authorize",
    });
    assert.equal(res.status, 200);
    const code = /<code id="authorization-code">([^<]+)<\/code>/.exec(res.text)?.[1];
    assert.ok(code);
    const token = await rig().send("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.equal(token.status, 200);
  });

  test("a loopback redirect URI may use any port", async () => {
    const jar = await signedIn();
    const consent = await browse(
      rig(),
      jar,
      authorizeUrl({ redirect_uri: "http://127.0.0.1:49152/cb" }),
    );
    assert.equal(consent.status, 200);
    const res = await browse(rig(), jar, "/oauth/authorize", {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "authorize",
    });
    assert.ok(res.location?.startsWith("http://127.0.0.1:49152/cb?code="));
  });

  test("admin scopes are withheld from people without an admin role", async () => {
    const jar = await signedIn("alice");
    const consent = await browse(rig(), jar, authorizeUrl({ scope: "read admin:read" }));
    assert.match(consent.text, /Not granted.*admin:read/);
    const res = await browse(rig(), jar, "/oauth/authorize", {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "authorize",
    });
    const code = new URL(res.location as string).searchParams.get("code");
    const token = await rig().send<{ scope: string }>("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: "https://app.example/callback",
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.equal(token.body.scope, "read");
    const adminJar = await signedIn("admin");
    const adminConsent = await browse(rig(), adminJar, authorizeUrl({ scope: "read admin:read" }));
    assert.doesNotMatch(adminConsent.text, /Not granted/);
  });

  test("force_login signs the current session out and asks again", async () => {
    const jar = await signedIn();
    const res = await browse(rig(), jar, authorizeUrl({ force_login: "true" }));
    assert.equal(res.status, 302);
    const target = new URL(res.location as string, rig().url);
    assert.equal(target.pathname, "/auth/sign_in");
    assert.doesNotMatch(target.searchParams.get("return_to") as string, /force_login/);
    assert.equal(jar.cookies.has("_hearth_session"), false);
    const again = await browse(rig(), jar, target.searchParams.get("return_to") as string);
    assert.equal(again.status, 302, "signed out, so back to sign-in");
  });

  test("a consent POST without the right CSRF token is refused and creates nothing", async () => {
    const jar = await signedIn();
    const consent = await browse(rig(), jar, authorizeUrl({}));
    const fields: Record<string, string> = {
      ...formFields(consent.text, "/oauth/authorize"),
      decision: "authorize",
    };
    const before = await countGrants(rig());
    const missing = { ...fields };
    delete missing.authenticity_token;
    for (const form of [missing, { ...fields, authenticity_token: "forged" }]) {
      const res = await browse(rig(), jar, "/oauth/authorize", form);
      assert.equal(res.status, 403);
      assert.equal(res.location, null);
    }
    // A token from another browser (another CSRF seed) does not work either.
    const other = await signedIn();
    const stolen = await browse(rig(), other, "/oauth/authorize", fields);
    assert.equal(stolen.status, 403);
    assert.equal(await countGrants(rig()), before);
  });
});
