// Security catalogue (shared/research/security.md §5), E5: markup typed into a profile (display
// name, note, field names and values, avatar description) or into what the HTML pages show
// (an app's name and website, a browser's user agent) is never markup again. As on Mastodon,
// `display_name`, field names and `avatar_description` are plain text (clients escape them);
// `note` and field `value` are HTML that we make, so the payload must arrive escaped there.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  browse,
  CookieJar,
  inputValue,
  obtainCode,
  registerApp,
  setPassword,
} from "../api/oauth-kit.ts";
import { blob, pngImage } from "../media/fixtures.ts";
import { assertSchema, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const PAYLOAD = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(1)</script>";

/** No tag or attribute a browser would run: the payloads only as escaped text. */
function assertInert(html: string, label: string) {
  assert.doesNotMatch(html, /<img/i, `${label}: an <img> tag`);
  assert.doesNotMatch(html, /<script/i, `${label}: a <script> tag`);
  assert.doesNotMatch(html, /<svg/i, `${label}: an <svg> tag`);
  assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i, `${label}: an event handler attribute`);
  assert.doesNotMatch(html, /href\s*=\s*["']?\s*javascript:/i, `${label}: a javascript: link`);
}

describeEachDatabase("security: XSS in profiles and pages", (rig) => {
  let token = "";
  const auth = () => ({ headers: { authorization: `Bearer ${token}` } });
  before(async () => {
    token = await createToken(rig().ctx, "alice", "read write");
    await setPassword(rig(), "alice");
  });

  test("E5: profile text with markup comes back as text, and HTML fields escaped", async () => {
    const form = new FormData();
    form.set("display_name", PAYLOAD);
    form.set("note", `${PAYLOAD}\n${SCRIPT} javascript:alert(1) <svg onload=alert(1)>`);
    form.set("fields_attributes[0][name]", PAYLOAD);
    form.set("fields_attributes[0][value]", `${PAYLOAD} ${SCRIPT}`);
    form.set("fields_attributes[1][name]", "Site");
    form.set("fields_attributes[1][value]", 'https://x.example/"onmouseover="alert(1)');
    form.set("fields_attributes[2][name]", "Link");
    form.set("fields_attributes[2][value]", "javascript:alert(1)");
    form.set("avatar", blob(await pngImage(), "image/png"), "a.png");
    form.set("avatar_description", PAYLOAD);
    const res = await rig().send<Json>(
      "PATCH",
      "/api/v1/accounts/update_credentials",
      form,
      auth(),
    );
    assert.equal(res.status, 200, res.text);
    assertSpec("PATCH", "/api/v1/accounts/update_credentials", 200, res.body);

    for (const view of [
      res.body,
      (await rig().get<Json>("/api/v1/accounts/verify_credentials", auth())).body,
      (await rig().get<Json>(`/api/v1/accounts/${rig().fixtures.alice.id}`)).body,
      (await rig().get<Json>("/api/v1/accounts/lookup?acct=alice")).body,
    ]) {
      // Plain-text fields: kept as typed, as Mastodon does; clients render them as text.
      assert.equal(view.display_name, PAYLOAD);
      assert.equal(view.fields[0].name, PAYLOAD);
      assert.equal(view.avatar_description, PAYLOAD);
      // HTML fields: the markup escaped, no link with a script URL, quotes kept inside href.
      assertInert(view.note, "note");
      assert.match(view.note, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match(view.note, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      for (const field of view.fields) assertInert(field.value, `field ${field.name}`);
      assert.match(view.fields[0].value, /&lt;img src=x onerror=alert\(1\)&gt;/);
      // The quote ends nothing: the attribute cannot be broken out of.
      assert.doesNotMatch(view.fields[1].value, /href="[^"]*"onmouseover/);
      assert.doesNotMatch(view.fields[2].value, /<a /);
    }
  });

  test("E5: an app's name and website and a browser's user agent are escaped on the HTML pages", async () => {
    const javascriptSite = await rig().send("POST", "/api/v1/apps", {
      client_name: "x",
      redirect_uris: "https://app.example/callback",
      website: "javascript:alert(1)",
    });
    assert.equal(javascriptSite.status, 422);
    assertSchema("Error", javascriptSite.body);

    const app = await registerApp(rig(), {
      client_name: PAYLOAD,
      website: 'https://app.example/"><script>alert(1)</script>',
    });
    const jar = new CookieJar();
    const alice = rig().fixtures.alice.user;
    const signInPage = await browse(rig(), jar, "/auth/sign_in");
    const signedIn = await rig().request("/auth/sign_in", {
      method: "POST",
      headers: {
        ...jar.header(),
        "user-agent": `${PAYLOAD}${SCRIPT}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        authenticity_token: inputValue(signInPage.text, "authenticity_token"),
        email: alice.email,
        password: alice.password,
      }).toString(),
    });
    assert.equal(signedIn.status, 303);
    jar.take(signedIn);

    const consent = await browse(
      rig(),
      jar,
      `/oauth/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: app.client_id,
        redirect_uri: app.redirect_uri,
        scope: "read",
      })}`,
    );
    assert.equal(consent.status, 200);
    assertInert(consent.text, "consent page");
    assert.match(consent.text, /&lt;img src=x onerror=alert\(1\)&gt;/);

    const code = await obtainCode(rig(), app);
    const token = await rig().send("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: app.redirect_uri,
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.equal(token.status, 200);
    const apps = await browse(rig(), jar, "/oauth/authorized_applications");
    assert.equal(apps.status, 200);
    assertInert(apps.text, "authorized apps page");
    assert.match(apps.text, /&lt;img src=x onerror=alert\(1\)&gt;/);

    const sessions = await browse(rig(), jar, "/auth/sessions");
    assert.equal(sessions.status, 200);
    assertInert(sessions.text, "sessions page");
    assert.match(sessions.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
