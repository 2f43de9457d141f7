// The sign-up honeypot: a hidden `website` field only bots fill. A filled one is refused with
// the form's ordinary notice (no field named), and nothing is created or mailed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mailCount } from "../api/registrations-kit.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { setMode, signUpFields, signUpOnPage, userByEmail, userCount } from "./sign-up-kit.ts";

describeEachDatabase("web sign-up honeypot", (rig) => {
  test("the field is in the form, hidden from people, the tab order and autofill", async () => {
    await setMode(rig(), "open");
    const page = await rig().get("/auth/sign_up");
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /<div style="position: absolute; left: -10000px[^"]*" aria-hidden="true">\s*<label for="website">[^<]*<\/label>\s*<input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" \/>/,
    );
  });

  test("a filled honeypot creates nothing and names nothing", async () => {
    await setMode(rig(), "open");
    const users = await userCount(rig());
    const mails = mailCount(rig());
    const res = await signUpOnPage(rig(), {
      ...signUpFields("botty"),
      website: "https://spam.example",
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /Your account could not be created/);
    assert.doesNotMatch(res.text, /website[^"]*(?:must|blank)/i, "no hint at the field");
    assert.match(res.text, /value="botty"/, "the form comes back filled, as on any error");
    assert.equal(res.jar.cookies.has("_hearth_session"), false, "not signed in");
    assert.equal(await userCount(rig()), users);
    assert.equal(await userByEmail(rig(), "botty@example.org"), undefined);
    assert.equal(mailCount(rig()), mails, "no confirmation mail");
    const accounts = await rig()
      .ctx.db.selectFrom("accounts")
      .select("id")
      .where("username", "=", "botty")
      .execute();
    assert.deepEqual(accounts, []);
  });

  test("whitespace counts as filled; an empty field signs up as usual", async () => {
    await setMode(rig(), "open");
    const spaced = await signUpOnPage(rig(), { ...signUpFields("spacey"), website: " " });
    assert.equal(spaced.status, 422);
    const ok = await signUpOnPage(rig(), { ...signUpFields("human"), website: "" });
    assert.equal(ok.status, 303, ok.text);
    assert.ok(await userByEmail(rig(), "human@example.org"));
  });
});
