// The web app's server side (src/pages/web-app.ts): who gets the app and who the public pages,
// the page's initial state and CSP, the "Web" application's token bound to the browser
// session (same token in every tab, revoked with the session, re-minted after a password
// change revoked it), and the built assets with immutable caching.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { before, test } from "node:test";
import { jsonForScript, WEB_DIST } from "../../src/pages/web-app.ts";
import { revokeUserTokens } from "../../src/repos/oauth.ts";
import { listApps, revokeOwnSession } from "../../src/services/sessions/manage.ts";
import { browse, CookieJar, setPassword, signIn } from "../api/oauth-kit.ts";
import { assertSpec, describeEachDatabase, type Rig } from "../rig/index.ts";

interface InitialState {
  domain: string;
  access_token: string;
  me: string;
}

function initialState(html: string): InitialState {
  const match = /<script type="application\/json" id="initial-state">([^<]*)<\/script>/.exec(html);
  assert.ok(match, "the page carries its initial state");
  return JSON.parse(match[1]!) as InitialState;
}

async function signedIn(rig: Rig): Promise<CookieJar> {
  const jar = new CookieJar();
  const alice = rig.fixtures.alice.user;
  const res = await signIn(rig, jar, alice.email, alice.password);
  assert.equal(res.status, 303);
  return jar;
}

async function verify(rig: Rig, token: string) {
  return rig.get("/api/v1/accounts/verify_credentials", {
    headers: { authorization: `Bearer ${token}` },
  });
}

describeEachDatabase("the web app's pages", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
  });

  test("a visitor gets the landing page at / and is sent to sign in from the app's paths", async () => {
    const jar = new CookieJar();
    const home = await browse(rig(), jar, "/");
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.text, /initial-state/);
    assert.match(home.text, /Sign in/);
    const app = await browse(rig(), jar, "/notifications?x=1");
    assert.equal(app.status, 302);
    assert.equal(app.location, "/auth/sign_in?return_to=%2Fnotifications%3Fx%3D1");
    const settings = await browse(rig(), jar, "/settings/preferences");
    assert.equal(settings.location, "/auth/sign_in?return_to=%2Fsettings%2Fpreferences");
    // Public pages stay public pages for visitors.
    const profile = await browse(rig(), jar, "/@alice");
    assert.equal(profile.status, 200);
    assert.doesNotMatch(profile.text, /initial-state/);
  });

  test("a signed-in browser gets the app with a working token and a strict CSP", async () => {
    const jar = await signedIn(rig());
    const page = await browse(rig(), jar, "/");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("cache-control"), "no-store");
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.ok(csp.includes(`connect-src 'self' ${rig().config.baseUrl.replace(/^http/, "ws")}`));
    assert.match(page.text, /<meta name="csrf-token" content="[^"]+"/);
    // Only the JSON state is inline; scripts come from files.
    assert.doesNotMatch(page.text, /<script(?![^>]*(type="application\/json"|src=))/);
    const state = initialState(page.text);
    assert.equal(state.domain, rig().config.domain);
    assert.equal(state.me, rig().fixtures.alice.id);
    const me = await verify(rig(), state.access_token);
    assert.equal(me.status, 200);
    assertSpec("GET", "/api/v1/accounts/verify_credentials", 200, me.body);
    const row = await rig()
      .ctx.db.selectFrom("oauth_access_tokens as t")
      .innerJoin("oauth_applications as a", "a.id", "t.application_id")
      .select(["t.scopes", "a.name", "t.web_session_id"])
      .where("t.revoked_at", "is", null)
      .where("t.web_session_id", "is not", null)
      .executeTakeFirstOrThrow();
    assert.equal(row.scopes, "read write follow push");
    assert.equal(row.name, "Web");
    // Not an "authorized app": the session stands for it (/auth/sessions).
    const apps = await listApps(rig().ctx, rig().fixtures.alice.user.id);
    assert.equal(
      apps.some((app) => app.name === "Web"),
      false,
    );

    // Every tab of the session gets the same token; the app's paths serve the same page.
    for (const path of ["/home", "/public/local", "/tags/cats", "/@alice", "/@alice/1234"]) {
      const other = await browse(rig(), jar, path);
      assert.equal(other.status, 200, path);
      assert.equal(initialState(other.text).access_token, state.access_token, path);
    }
    // ActivityPub clients at a profile URL never get the app.
    const ap = await rig().request("/@alice", {
      headers: { ...jar.header(), accept: "application/activity+json" },
    });
    assert.notEqual((await ap.text()).includes("initial-state"), true);
  });

  test("another browser's session gets another token", async () => {
    const one = initialState((await browse(rig(), await signedIn(rig()), "/")).text);
    const two = initialState((await browse(rig(), await signedIn(rig()), "/")).text);
    assert.notEqual(one.access_token, two.access_token);
  });

  test("signing out revokes the session's token", async () => {
    const jar = await signedIn(rig());
    const page = await browse(rig(), jar, "/home");
    const { access_token } = initialState(page.text);
    assert.equal((await verify(rig(), access_token)).status, 200);
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.text)![1]!;
    const out = await browse(rig(), jar, "/auth/sign_out", { authenticity_token: csrf });
    assert.equal(out.status, 303);
    const refused = await verify(rig(), access_token);
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, { error: "The access token was revoked" });
    // The browser is a visitor again.
    assert.equal((await browse(rig(), jar, "/home")).status, 302);
  });

  test("a session ended from the sessions page takes its token with it", async () => {
    const jar = await signedIn(rig());
    const { access_token } = initialState((await browse(rig(), jar, "/")).text);
    const session = await rig()
      .ctx.db.selectFrom("oauth_access_tokens")
      .select("web_session_id")
      .where("revoked_at", "is", null)
      .where("web_session_id", "is not", null)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const revoked = await revokeOwnSession(
      rig().ctx,
      rig().fixtures.alice.user.id,
      session.web_session_id!,
    );
    assert.equal(revoked, true);
    assert.equal((await verify(rig(), access_token)).status, 401);
  });

  test("when every token was revoked but the session lives, the next page mints a new one", async () => {
    const jar = await signedIn(rig());
    const first = initialState((await browse(rig(), jar, "/")).text).access_token;
    await revokeUserTokens(
      rig().ctx.db,
      rig().fixtures.alice.user.id,
      rig().clock.now().toISOString(),
    );
    assert.equal((await verify(rig(), first)).status, 401);
    const second = initialState((await browse(rig(), jar, "/")).text).access_token;
    assert.notEqual(second, first);
    assert.equal((await verify(rig(), second)).status, 200);
    assert.equal(initialState((await browse(rig(), jar, "/")).text).access_token, second);
  });

  test("built assets are served compressed with immutable caching, nothing else", async () => {
    const script = readdirSync(new URL("assets/", WEB_DIST)).find((f) => f.endsWith(".js"));
    assert.ok(script, "web/dist is built (npm install builds it)");
    const res = await rig().request(`/assets/${script}`, {
      headers: { "accept-encoding": "gzip, br" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(res.headers.get("content-encoding"), "br");
    const plain = await rig().request(`/assets/${script}`);
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.ok((await plain.text()).length > 1000);
    for (const path of ["/assets/..%2Fpackage.json", "/assets/missing-123.js", "/assets/.env"]) {
      assert.equal((await rig().request(path)).status, 404, path);
    }
  });
});

test("the initial state's JSON cannot close its script element", () => {
  const text = jsonForScript({ name: "</script><script>alert(1)</script>\u2028" });
  assert.doesNotMatch(text, /<\//);
  assert.doesNotMatch(text, /\u2028/);
  assert.equal(JSON.parse(text).name, "</script><script>alert(1)</script>\u2028");
});
