// Signing in as a person does, in Chromium: email and password; then two-factor turned on from
// the settings page (the secret read off the page, codes computed at the rig's clock, which
// the server uses too), signing out, and signing in again with a code. No console errors: our
// CSP must not block our own pages (the inline SVG QR code included).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { setPassword } from "../api/oauth-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";

const skip = browserSkipReason();

/**
 * Collects console errors and page errors of a page. Chromium logs every 4xx answer as an
 * error; the 401 of a deliberately wrong password or code is expected, anything else is not.
 */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error" || /responded with a status of 401\b/.test(m.text())) return;
    problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

describeEachDatabase(
  "sign-in and two-factor in Chromium",
  (rig) => {
    const browser = useBrowser();

    async function fillSignIn(page: Page, user: { email: string; password: string }) {
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }

    test("signs in with email and password", { skip }, async () => {
      await setPassword(rig(), "alice");
      const context = await browser().newContext();
      const page = await context.newPage();
      const problems = watch(page);
      try {
        await page.goto(`${rig().url}/auth/sessions`);
        assert.match(page.url(), /\/auth\/sign_in\?return_to=%2Fauth%2Fsessions$/);
        assert.equal(await page.getByRole("link", { name: "Create an account" }).count(), 1);
        await fillSignIn(page, { email: "nobody@hearth.test", password: "wrong-password" });
        assert.match((await page.getByRole("alert").textContent()) ?? "", /Invalid email/);
        await fillSignIn(page, rig().fixtures.alice.user);
        await page.waitForURL(`${rig().url}/auth/sessions`);
        assert.match((await page.locator("main").textContent()) ?? "", /this browser/);
        const cookie = (await context.cookies()).find((c) => c.name === "_hearth_session");
        assert.ok(cookie);
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, "Lax");
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("turns two-factor on, signs out, and signs in again with a code", { skip }, async () => {
      await setPassword(rig(), "bob");
      const bob = rig().fixtures.bob.user;
      const codeNow = (secret: string) =>
        new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
          timestamp: rig().clock.now().getTime(),
        });
      const context = await browser().newContext();
      const page = await context.newPage();
      const problems = watch(page);
      try {
        await page.goto(`${rig().url}/settings/two_factor`);
        await fillSignIn(page, bob);
        await page.waitForURL(`${rig().url}/settings/two_factor`);
        await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
        await page.waitForSelector("#totp-secret");
        assert.equal(await page.locator("figure svg").count(), 1, "the QR code is shown");
        const secret = ((await page.locator("#totp-secret").textContent()) ?? "").trim();
        await page.getByLabel("Code from your app").fill(codeNow(secret));
        await page.getByRole("button", { name: "Turn on" }).click();
        await page.waitForSelector("#recovery-codes");
        assert.equal(await page.locator("#recovery-codes li").count(), 10);

        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(/\/auth\/sign_in$/);
        await page.goto(`${rig().url}/settings/two_factor`);
        await fillSignIn(page, bob);
        await page.waitForURL(/\/auth\/sign_in\/two_factor\?return_to=/);
        // The first code's step is used up: the next code comes 30 seconds later.
        rig().clock.advance(30_000);
        await page.getByLabel("Code").fill("000000");
        await page.getByRole("button", { name: "Sign in" }).click();
        assert.match((await page.getByRole("alert").textContent()) ?? "", /Invalid two-factor/);
        await page.getByLabel("Code").fill(codeNow(secret));
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${rig().url}/settings/two_factor`);
        assert.match((await page.locator("main").textContent()) ?? "", /is on\. 10 unused/);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true },
);
