// The OAuth authorization-code flow as a Mastodon app drives it, with the person's part in
// Chromium: the app registers over HTTP, the browser opens /oauth/authorize, signs in, reads
// the consent page and clicks Authorize, and the out-of-band code page shows the code. The app
// then trades the code (with its PKCE verifier) for a token and reads the account with it.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { pkcePair, setPassword } from "../api/oauth-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";

const skip = browserSkipReason();
const OOB = "urn:ietf:wg:oauth:2.0:oob";

/** Console errors and page errors of a page (a CSP that blocked our own page would show here). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

describeEachDatabase(
  "OAuth consent in Chromium",
  (rig) => {
    const browser = useBrowser();

    async function postJson(path: string, body: unknown, token?: string) {
      const res = await fetch(`${rig().url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    }

    test("an app gets a token through sign-in and consent", { skip }, async () => {
      await setPassword(rig(), "alice");
      const alice = rig().fixtures.alice.user;
      const app = await postJson("/api/v1/apps", {
        client_name: "Browser Test App",
        redirect_uris: OOB,
        scopes: "read write",
        website: "https://app.example",
      });
      assert.equal(app.status, 200);
      const { verifier, challenge } = pkcePair();
      const query = new URLSearchParams({
        response_type: "code",
        client_id: app.body.client_id as string,
        redirect_uri: OOB,
        scope: "read write",
        code_challenge: challenge,
        code_challenge_method: "S256",
      });

      const context = await browser().newContext();
      const page = await context.newPage();
      const problems = watch(page);
      let code: string;
      try {
        await page.goto(`${rig().url}/oauth/authorize?${query}`);
        assert.match(page.url(), /\/auth\/sign_in\?return_to=%2Foauth%2Fauthorize/);
        await page.getByLabel("Email address").fill(alice.email);
        await page.getByLabel("Password").fill(alice.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(/\/oauth\/authorize\?/);
        const consent = (await page.locator("main").textContent()) ?? "";
        assert.match(consent, /Browser Test App/);
        assert.match(consent, /@alice/);
        assert.match(consent, /Read all your account's data/);
        assert.match(consent, /Change all your account's data/);
        await page.getByRole("button", { name: "Authorize" }).click();
        await page.waitForSelector("#authorization-code");
        code = ((await page.locator("#authorization-code").textContent()) ?? "").trim();
        assert.ok(code.length > 20);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }

      const token = await postJson("/oauth/token", {
        grant_type: "authorization_code",
        code,
        client_id: app.body.client_id,
        client_secret: app.body.client_secret,
        redirect_uri: OOB,
        code_verifier: verifier,
      });
      assert.equal(token.status, 200, JSON.stringify(token.body));
      assert.equal(token.body.scope, "read write");
      const me = await fetch(`${rig().url}/api/v1/accounts/verify_credentials`, {
        headers: { authorization: `Bearer ${token.body.access_token}` },
      });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { username: string }).username, "alice");
      // The code was for one use: trading it again fails.
      const again = await postJson("/oauth/token", {
        grant_type: "authorization_code",
        code,
        client_id: app.body.client_id,
        client_secret: app.body.client_secret,
        redirect_uri: OOB,
        code_verifier: verifier,
      });
      assert.equal(again.status, 400);
    });
  },
  { listen: true },
);
