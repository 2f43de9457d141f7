// Sign-up as a person does it in Chromium: fill the form by its labels, land on the "confirm
// your email" page, open the link from the .eml file, then sign in. No console errors (our
// CSP must not block our own pages).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lastMail } from "../api/registrations-kit.ts";
import { setMode } from "../pages/sign-up-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { watchConsole } from "./sign-up-kit.ts";

const skip = browserSkipReason();

describeEachDatabase(
  "sign-up in Chromium",
  (rig) => {
    const browser = useBrowser();

    test("sign up, confirm from the mail, sign in", { skip }, async () => {
      await setMode(rig(), "open");
      const context = await browser().newContext();
      const page = await context.newPage();
      const problems = watchConsole(page);
      try {
        await page.goto(`${rig().url}/auth/sign_up`);
        await page.getByLabel("Username").fill("chromie");
        await page.getByLabel("Email address").fill("chromie@example.org");
        await page.getByLabel("Password", { exact: true }).fill("chromium password 1");
        await page.getByLabel("Confirm password").fill("chromium password 1");
        await page.getByLabel(/I agree to the server rules/).check();
        await page.getByRole("button", { name: "Sign up" }).click();
        await page.waitForURL(`${rig().url}/auth/setup`);
        assert.equal(await page.locator("h1").textContent(), "Confirm your email address");
        assert.match((await page.locator("main").textContent()) ?? "", /chromie@example\.org/);

        const mail = lastMail(rig());
        assert.equal(mail.to, "chromie@example.org");
        await page.goto(mail.link);
        assert.equal(await page.locator("h1").textContent(), "Email address confirmed");

        // A fresh browser profile signs in with the new account.
        const other = await browser().newContext();
        const signInPage = await other.newPage();
        const moreProblems = watchConsole(signInPage);
        await signInPage.goto(`${rig().url}/auth/sign_in`);
        await signInPage.getByLabel("Email address").fill("chromie@example.org");
        await signInPage.getByLabel("Password").fill("chromium password 1");
        await signInPage.getByRole("button", { name: "Sign in" }).click();
        await signInPage.waitForURL(`${rig().url}/`);
        await other.close();
        assert.deepEqual([...problems, ...moreProblems], []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true },
);
