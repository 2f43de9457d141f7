// Sign-up driven by masto.js over real HTTP, as Phanpy or Elk would: create the account with an
// app token, ask for the mail again, follow the link, and see the account confirmed.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { MastoHttpError } from "masto";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { bearer, lastMail, mailCount } from "./registrations-kit.ts";

describeEachDatabase(
  "sign-up with masto.js",
  (rig) => {
    let appToken = "";
    before(async () => {
      appToken = await createToken(rig().ctx, null, "read write");
      await saveSetting(rig().ctx.db, "registrations", "open", rig().clock.now());
    });

    test("accounts.create, emails.confirmations.create, then the mailed link", async () => {
      const token = await masto(rig(), appToken).v1.accounts.create({
        username: "masto_fan",
        email: "masto_fan@example.org",
        password: "correct horse battery",
        agreement: true,
        locale: "en",
        reason: "Testing clients",
      });
      assert.equal(token.tokenType, "Bearer");
      assert.ok(token.accessToken.length >= 43);
      const mails = mailCount(rig());

      await masto(rig(), token.accessToken).v1.emails.confirmations.create();
      assert.equal(mailCount(rig()), mails + 1);
      const mail = lastMail(rig());
      assert.equal(mail.to, "masto_fan@example.org");
      assert.ok(mail.link.startsWith(`${rig().url}/auth/confirmation?`));

      const page = await fetch(mail.link);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /confirmed/);
      const check = await rig().get("/api/v1/emails/check_confirmation", bearer(token.accessToken));
      assert.equal(check.body, true);
    });

    test("a taken name comes back as masto's HTTP error with Mastodon's details", async () => {
      const error = await masto(rig(), appToken)
        .v1.accounts.create({
          username: "Masto_Fan",
          email: "other@example.org",
          password: "correct horse battery",
          agreement: true,
          locale: "en",
        })
        .then(
          () => assert.fail("the sign-up should fail"),
          (e: unknown) => e,
        );
      assert.ok(error instanceof MastoHttpError);
      assert.equal(error.statusCode, 422);
      assert.match(error.message, /^Validation failed: Username has already been taken/);
      assert.deepEqual(error.details, {
        username: [{ error: "ERR_TAKEN", description: "has already been taken" }],
      });
    });
  },
  { listen: true },
);
