// The pages where a person ends their own access: signed-in sessions and authorized apps.
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
import { describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("sessions and authorized apps pages", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
  });

  async function signedIn(name: "alice" | "bob", userAgent: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const user = rig().fixtures[name].user;
    const page = await browse(rig(), jar, "/auth/sign_in");
    const res = await rig().request("/auth/sign_in", {
      method: "POST",
      headers: {
        ...jar.header(),
        "user-agent": userAgent,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        authenticity_token: inputValue(page.text, "authenticity_token"),
        email: user.email,
        password: user.password,
      }).toString(),
    });
    assert.equal(res.status, 303);
    jar.take(res);
    return jar;
  }

  test("the sessions page lists browsers and signs another one out", async () => {
    const laptop = await signedIn("alice", "Laptop Browser");
    const phone = await signedIn("alice", "Phone Browser");
    const bobs = await signedIn("bob", "Bob Browser");
    const page = await browse(rig(), laptop, "/auth/sessions");
    assert.equal(page.status, 200);
    assert.match(page.text, /Laptop Browser[\s\S]*this browser/);
    assert.match(page.text, /Phone Browser/);
    assert.doesNotMatch(page.text, /Bob Browser/);
    const forms = [...page.text.matchAll(/action="\/auth\/sessions\/(\d+)\/revoke"/g)];
    assert.equal(forms.length, 1, "no button for this browser itself");
    const phoneId = forms[0]?.[1] as string;
    const token = inputValue(page.text, "authenticity_token");

    assert.equal((await browse(rig(), laptop, `/auth/sessions/${phoneId}/revoke`, {})).status, 403);
    assert.equal((await browse(rig(), phone, "/auth/sessions")).status, 200);

    // Bob's session cannot be ended from Alice's page.
    const bobSession = await rig()
      .ctx.db.selectFrom("web_sessions")
      .select("id")
      .where("user_id", "=", rig().fixtures.bob.user.id)
      .executeTakeFirstOrThrow();
    const bobId = bobSession.id;
    await browse(rig(), laptop, `/auth/sessions/${bobId}/revoke`, { authenticity_token: token });
    assert.equal((await browse(rig(), bobs, "/auth/sessions")).status, 200);

    const res = await browse(rig(), laptop, `/auth/sessions/${phoneId}/revoke`, {
      authenticity_token: token,
    });
    assert.equal(res.status, 303);
    const after = await browse(rig(), phone, "/auth/sessions");
    assert.equal(after.status, 302);
    assert.match(after.location as string, /^\/auth\/sign_in\?return_to=/);
    assert.equal((await browse(rig(), laptop, "/auth/sessions")).status, 200);
  });

  test("the authorized apps page revokes an app's tokens", async () => {
    const app = await registerApp(rig(), { client_name: "Revocable" });
    const code = await obtainCode(rig(), app);
    const token = await rig().send<{ access_token: string }>("POST", "/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: app.redirect_uri,
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    const bearer = { headers: { authorization: `Bearer ${token.body.access_token}` } };
    assert.equal((await rig().get("/api/v1/apps/verify_credentials", bearer)).status, 200);

    assert.equal(
      (await browse(rig(), new CookieJar(), "/oauth/authorized_applications")).status,
      302,
    );
    const jar = await signedIn("alice", "Laptop Browser");
    const page = await browse(rig(), jar, "/oauth/authorized_applications");
    assert.equal(page.status, 200);
    assert.match(page.text, /Revocable/);
    const form = { authenticity_token: inputValue(page.text, "authenticity_token") };
    assert.equal(
      (await browse(rig(), jar, `/oauth/authorized_applications/${app.id}/revoke`, {})).status,
      403,
    );
    const res = await browse(rig(), jar, `/oauth/authorized_applications/${app.id}/revoke`, form);
    assert.equal(res.status, 303);
    assert.equal((await rig().get("/api/v1/apps/verify_credentials", bearer)).status, 401);
    assert.doesNotMatch(
      (await browse(rig(), jar, "/oauth/authorized_applications")).text,
      /Revocable/,
    );
  });
});
