// The accounts issue's "done when", end to end over real HTTP with masto.js as the client:
// register an app, sign up through the API, follow the confirmation link from the .eml file,
// get a user token through the authorization-code flow with PKCE by driving our HTML pages,
// read and update the profile with an avatar, and revoke the token.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createOAuthAPIClient, MastoHttpError } from "masto";
import sharp from "sharp";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { CookieJar, formFields, inputValue, pkcePair } from "../api/oauth-kit.ts";
import { lastMail } from "../api/registrations-kit.ts";
import { masto } from "../rig/clients.ts";
import { assertSpec, describeEachDatabase } from "../rig/index.ts";

/** A page over real HTTP, as a browser without JavaScript would fetch it. */
async function visit(jar: CookieJar, url: string, form?: Record<string, string>) {
  const res = await fetch(url, {
    method: form === undefined ? "GET" : "POST",
    redirect: "manual",
    headers: {
      ...jar.header(),
      ...(form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
    },
    ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
  });
  jar.take(res);
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

describeEachDatabase(
  "accounts end to end with masto.js",
  (rig) => {
    test("app, sign-up, confirmation, PKCE sign-in, profile with avatar, revoke", async () => {
      const base = rig().url;
      await saveSetting(rig().ctx.db, "registrations", "open", rig().clock.now());
      const redirectUri = "https://client.example/callback";

      // 1. The app registers itself and gets an app token.
      const app = await masto(rig()).v1.apps.create({
        clientName: "End to end",
        redirectUris: [redirectUri],
        scopes: "read write",
      });
      const clientId = app.clientId as string;
      const clientSecret = app.clientSecret as string;
      const oauth = createOAuthAPIClient({ url: base });
      const appToken = await oauth.token.create({
        grantType: "client_credentials",
        clientId,
        clientSecret,
        redirectUri,
        scope: "read write",
      });

      // 2. Sign-up through the API; the account cannot use the API until confirmed.
      const email = "juniper@example.org";
      const password = "a long enough password";
      const signUpToken = await masto(rig(), appToken.accessToken).v1.accounts.create({
        username: "juniper",
        email,
        password,
        agreement: true,
        locale: "en",
      });
      await assert.rejects(
        masto(rig(), signUpToken.accessToken).v1.accounts.verifyCredentials(),
        (e: unknown) => {
          assert.ok(e instanceof MastoHttpError);
          assert.equal(e.statusCode, 403);
          return true;
        },
      );

      // 3. The confirmation link from the mail file.
      const mail = lastMail(rig());
      assert.equal(mail.to, email);
      const confirmed = await fetch(mail.link);
      assert.equal(confirmed.status, 200);

      // 4. Authorization code with PKCE through our sign-in and consent pages.
      const jar = new CookieJar();
      const { verifier, challenge } = pkcePair();
      const authorize = `${base}/oauth/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: "read write",
        state: "xyz",
        code_challenge: challenge,
        code_challenge_method: "S256",
      })}`;
      const first = await visit(jar, authorize);
      assert.equal(first.status, 302, "not signed in: sent to the sign-in page");
      const signInPage = await visit(jar, new URL(first.location as string, base).toString());
      const signedIn = await visit(jar, `${base}/auth/sign_in`, {
        ...formFields(signInPage.text, "/auth/sign_in"),
        authenticity_token: inputValue(signInPage.text, "authenticity_token"),
        email,
        password,
      });
      assert.equal(signedIn.status, 303, signedIn.text);
      const consent = await visit(jar, new URL(signedIn.location as string, base).toString());
      assert.equal(consent.status, 200, consent.text);
      const decision = await visit(jar, `${base}/oauth/authorize`, {
        ...formFields(consent.text, "/oauth/authorize"),
        decision: "authorize",
      });
      assert.equal(decision.status, 302);
      const callback = new URL(decision.location as string);
      assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
      assert.equal(callback.searchParams.get("state"), "xyz");
      // masto's types lack code_verifier (PKCE); it sends whatever it is given.
      const exchange = {
        grantType: "authorization_code",
        clientId,
        clientSecret,
        redirectUri,
        code: callback.searchParams.get("code") as string,
        codeVerifier: verifier,
      } as Parameters<typeof oauth.token.create>[0];
      const token = await oauth.token.create(exchange);

      // 5. Read and update the profile, with an avatar.
      const client = masto(rig(), token.accessToken);
      const me = await client.v1.accounts.verifyCredentials();
      assert.equal(me.username, "juniper");
      const avatar = await sharp({
        create: { width: 64, height: 64, channels: 3, background: "#c2410c" },
      })
        .png()
        .toBuffer();
      const updated = await client.v1.accounts.updateCredentials({
        displayName: "Juniper",
        note: "Hello from the end-to-end test",
        avatar: new Blob([new Uint8Array(avatar)], { type: "image/png" }),
      });
      assert.equal(updated.displayName, "Juniper");
      assert.match(updated.avatar, /\/system\//);
      const picture = await fetch(updated.avatar);
      assert.equal(picture.status, 200);
      assert.match(picture.headers.get("content-type") ?? "", /^image\//);
      // The raw JSON, as any client gets it, matches the spec.
      const raw = await rig().get("/api/v1/accounts/verify_credentials", {
        headers: { authorization: `Bearer ${token.accessToken}` },
      });
      assertSpec("GET", "/api/v1/accounts/verify_credentials", 200, raw.body);

      // 6. Revoke: the token stops working.
      await oauth.revoke({ clientId, clientSecret, token: token.accessToken });
      await assert.rejects(client.v1.accounts.verifyCredentials(), (e: unknown) => {
        assert.ok(e instanceof MastoHttpError);
        assert.equal(e.statusCode, 401);
        return true;
      });
    });
  },
  { listen: true },
);
