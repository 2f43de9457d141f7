// The web sign-up form: the API's rules and error details next to each field, nothing stored
// on error, the confirmation mail, signed in afterwards in the "confirm your email" state, the
// three registration modes, CSRF, and the rate limit it shares with POST /api/v1/accounts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { insertRule } from "../../src/repos/rules.ts";
import { confirmationPath, lastMail, mailCount, nextIp } from "../api/registrations-kit.ts";
import { createToken, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import {
  browse,
  CookieJar,
  inputValue,
  setMode,
  signUpFields,
  signUpOnPage,
  userByEmail,
  userCount,
} from "./sign-up-kit.ts";

describeEachDatabase("web sign-up", (rig) => {
  test("the form lists the rules, asks for agreement and defaults the language", async () => {
    await setMode(rig(), "open");
    await insertRule(rig().ctx.db, {
      id: "7",
      text: "No <spam>",
      hint: "",
      position: 1,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    });
    const page = await rig().get("/auth/sign_up", { headers: { "accept-language": "de-AT,de" } });
    assert.equal(page.status, 200);
    assert.match(page.text, /<li>No &lt;spam&gt;<\/li>/);
    assert.match(page.text, /name="agreement" type="checkbox" value="1" required/);
    assert.match(page.text, /<option value="de" selected>/);
    assert.doesNotMatch(page.text, /name="reason"/, "no reason asked in open mode");
    const plain = await rig().get("/auth/sign_up");
    assert.match(plain.text, /<option value="en" selected>/);
  });

  test("success: mail sent, signed in on the confirm-your-email page, link confirms", async () => {
    await setMode(rig(), "open");
    const res = await signUpOnPage(rig(), { ...signUpFields("webby"), locale: "fr" });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.location, "/auth/setup");
    assert.ok(res.jar.cookies.has("_hearth_session"), "signed in, as Mastodon does");
    const user = await userByEmail(rig(), "webby@example.org");
    assert.ok(user);
    assert.equal(user.confirmed_at, null);
    assert.equal(user.approved, true);
    assert.equal(user.locale, "fr");
    assert.equal(user.agreement, true);
    assert.equal(user.created_by_application_id, null, "no app made this account");

    const setup = await browse(rig(), res.jar, "/auth/setup");
    assert.equal(setup.status, 200);
    assert.match(setup.text, /Confirm your email address/);
    assert.match(setup.text, /webby@example\.org/);

    const mail = lastMail(rig());
    assert.equal(mail.to, "webby@example.org");
    const confirmed = await rig().get(confirmationPath(rig(), mail));
    assert.equal(confirmed.status, 200);
    assert.match(confirmed.text, /has been confirmed/);
    assert.notEqual((await userByEmail(rig(), "webby@example.org"))?.confirmed_at, null);
    const done = await browse(rig(), res.jar, "/auth/setup");
    assert.equal(done.status, 303, "nothing left to set up");
  });

  test("the setup page sends the link again; only the newest link works", async () => {
    await setMode(rig(), "open");
    assert.equal((await rig().get("/auth/setup")).status, 302, "signed out: to sign-in");
    const res = await signUpOnPage(rig(), signUpFields("forgetful"));
    assert.equal(res.status, 303);
    const first = lastMail(rig());
    const setup = await browse(rig(), res.jar, "/auth/setup");
    const token = inputValue(setup.text, "authenticity_token");
    assert.equal((await browse(rig(), res.jar, "/auth/setup/resend", {})).status, 403);
    const resent = await browse(rig(), res.jar, "/auth/setup/resend", {
      authenticity_token: token,
    });
    assert.equal(resent.status, 303);
    assert.equal(resent.location, "/auth/setup?sent=1");
    const second = lastMail(rig());
    assert.notEqual(second.token, first.token);
    assert.equal(second.to, "forgetful@example.org");
    assert.equal((await rig().get(confirmationPath(rig(), first))).status, 404);
    assert.equal((await rig().get(confirmationPath(rig(), second))).status, 200);
  });

  test("every broken rule is shown next to its field; typed values kept; nothing stored", async () => {
    await setMode(rig(), "open");
    const users = await userCount(rig());
    const mails = mailCount(rig());
    const res = await signUpOnPage(rig(), {
      username: "no-dashes",
      email: "not an address",
      password: "pw7q",
      password_confirmation: "mismatch-9q",
      locale: "xx",
      // agreement left out
    });
    assert.equal(res.status, 422);
    const errorOf = (field: string) =>
      new RegExp(`id="${field}-error">([^<]*)<`).exec(res.text)?.[1] ?? "";
    assert.equal(
      errorOf("username"),
      "Username must contain only letters, numbers and underscores",
    );
    assert.equal(errorOf("email"), "Email is invalid");
    assert.equal(errorOf("password"), "Password is too short (minimum is 8 characters)");
    assert.equal(
      errorOf("password_confirmation"),
      "Password confirmation doesn&#39;t match Password",
    );
    assert.equal(errorOf("agreement"), "Agreement must be accepted");
    assert.equal(errorOf("locale"), "Language is not included in the list");
    assert.match(res.text, /name="username"[^>]*value="no-dashes"/);
    assert.match(res.text, /name="email"[^>]*value="not an address"/);
    assert.doesNotMatch(res.text, /pw7q|mismatch-9q/, "passwords are never sent back");
    assert.equal(await userCount(rig()), users);
    assert.equal(mailCount(rig()), mails);
  });

  test("reserved, taken and too long: the service's answers", async () => {
    await setMode(rig(), "open");
    const alice = rig().fixtures.alice.user.email;
    const taken = await signUpOnPage(rig(), {
      ...signUpFields("ALICE"),
      email: alice.toUpperCase(),
    });
    assert.equal(taken.status, 422);
    assert.match(taken.text, /id="username-error">Username has already been taken</);
    assert.match(taken.text, /id="email-error">Email has already been taken</);
    const reserved = await signUpOnPage(rig(), signUpFields("admin"));
    assert.match(reserved.text, /id="username-error">Username is reserved</);
    const long = await signUpOnPage(rig(), {
      ...signUpFields("longpass"),
      password: "x".repeat(73),
      password_confirmation: "x".repeat(73),
    });
    assert.match(
      long.text,
      /id="password-error">Password is too long \(maximum is 72 characters\)</,
    );
    assert.equal(await userByEmail(rig(), "longpass@example.org"), undefined);
  });

  test("approval mode asks why, stores the reason and says a moderator will review", async () => {
    await setMode(rig(), "approval");
    const form = await rig().get("/auth/sign_up");
    assert.match(form.text, /<textarea id="reason" name="reason"/);
    assert.match(form.text, /reviewed by a moderator/);
    const res = await signUpOnPage(rig(), { ...signUpFields("hopeful"), reason: "I bake bread" });
    assert.equal(res.status, 303, res.text);
    const user = await userByEmail(rig(), "hopeful@example.org");
    assert.equal(user?.approved, false);
    assert.equal(user?.sign_up_reason, "I bake bread");
    const setup = await browse(rig(), res.jar, "/auth/setup");
    assert.match(setup.text, /A moderator will review your sign-up/);
    assert.match(setup.text, /Confirm your email address/);
    const tooLong = await signUpOnPage(rig(), {
      ...signUpFields("verbose"),
      reason: "x".repeat(421),
    });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.text, /id="reason-error">Reason is too long/);
  });

  test("closed mode: the page says so, offers no form, and a post stores nothing", async () => {
    await setMode(rig(), "closed");
    try {
      const page = await rig().get("/auth/sign_up");
      assert.equal(page.status, 403);
      assert.match(page.text, /not accepting new accounts/);
      assert.doesNotMatch(page.text, /<form/);
      const users = await userCount(rig());
      // The form fetched while registrations were open, posted after they closed.
      await setMode(rig(), "open");
      const jar = new CookieJar();
      const ip = nextIp();
      await browse(rig(), jar, "/auth/sign_up", undefined, ip);
      await setMode(rig(), "closed");
      const res = await signUpOnPage(rig(), signUpFields("latecomer"), { jar, ip });
      assert.equal(res.status, 403);
      assert.equal(await userCount(rig()), users);
    } finally {
      await setMode(rig(), "open");
    }
  });

  test("without the CSRF token: 403 and nothing stored", async () => {
    await setMode(rig(), "open");
    const users = await userCount(rig());
    const mails = mailCount(rig());
    const res = await signUpOnPage(rig(), signUpFields("forged"), { csrf: false });
    assert.equal(res.status, 403);
    assert.equal(await userCount(rig()), users);
    assert.equal(mailCount(rig()), mails);
  });

  test("five sign-ups per address and half hour, counted with the API's", async () => {
    await setMode(rig(), "open");
    const ip = nextIp();
    // Posts without a CSRF token count too (rack-attack counts requests) and cost no hashing.
    for (let i = 0; i < 4; i++) {
      const res = await signUpOnPage(rig(), signUpFields(`rl${i}`), { ip, csrf: false });
      assert.equal(res.status, 403);
    }
    const appToken = await createToken(rig().ctx, null, "write:accounts");
    const api = await rig().send(
      "POST",
      "/api/v1/accounts",
      { username: "x" },
      { ip, headers: { authorization: `Bearer ${appToken}` } },
    );
    assert.equal(api.status, 422, "the fifth attempt, through the API, is still allowed");
    const blocked = await signUpOnPage(rig(), signUpFields("rl5"), { ip });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many sign-ups/);
    assert.equal(await userByEmail(rig(), "rl5@example.org"), undefined);
    // Another address is not affected.
    assert.equal((await signUpOnPage(rig(), signUpFields("rl6"))).status, 303);
  });
});
