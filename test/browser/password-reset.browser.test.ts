// Password reset end to end in Chromium: ask for the link, open it from the .eml file, choose
// a new password, sign in with it. No console errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setPassword } from "../api/oauth-kit.ts";
import { resetLink } from "../pages/sign-up-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { watchConsole } from "./sign-up-kit.ts";

const skip = browserSkipReason();

describeEachDatabase(
  "password reset in Chromium",
  (rig) => {
    const browser = useBrowser();

    test("forgot password → mail → new password → sign in", { skip }, async () => {
      await setPassword(rig(), "alice");
      const email = rig().fixtures.alice.user.email;
      const context = await browser().newContext();
      const page = await context.newPage();
      const problems = watchConsole(page);
      try {
        await page.goto(`${rig().url}/auth/password/new`);
        await page.getByLabel("Email address").fill(email);
        await page.getByRole("button", { name: "Send the link" }).click();
        await page.getByText("If an account uses this email address").waitFor();

        const link = resetLink(rig());
        await page.goto(`${rig().url}${link.path}`);
        await page.getByLabel("New password", { exact: true }).fill("brand new password");
        await page.getByLabel("Confirm new password").fill("brand new password");
        await page.getByRole("button", { name: "Change password" }).click();
        await page.waitForURL(`${rig().url}/auth/sign_in`);

        await page.getByLabel("Email address").fill(email);
        await page.getByLabel("Password").fill("brand new password");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${rig().url}/`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true },
);
