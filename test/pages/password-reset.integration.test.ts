// Password reset on the web: one answer for known and unknown addresses (a mail only for the
// known one), a link that works once and for six hours, only the newest link working, every
// sign-in ended by a reset, CSRF, and Mastodon's rate limits.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { hashToken } from "../../src/lib/tokens.ts";
import { setPassword, signIn } from "../api/oauth-kit.ts";
import { mailCount, nextIp } from "../api/registrations-kit.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import { browse, CookieJar, resetLink, submitForm } from "./sign-up-kit.ts";

const askReset = (rig: Rig, email: string, options: { ip?: string; csrf?: boolean } = {}) =>
  submitForm(rig, "/auth/password/new", "/auth/password/new", { email }, options);

const chooseNew = (rig: Rig, path: string, password: string, confirmation = password) =>
  submitForm(rig, path, "/auth/password/edit", {
    password,
    password_confirmation: confirmation,
  });

describeEachDatabase("password reset", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
  });

  test("known and unknown addresses get the same answer; only the known one a mail", async () => {
    const before = mailCount(rig());
    const known = await askReset(rig(), "  ALICE@hearth.test ");
    assert.equal(mailCount(rig()), before + 1);
    const link = resetLink(rig());
    assert.equal(link.to, rig().fixtures.alice.user.email, "sent to the stored address");
    const unknown = await askReset(rig(), "nobody@hearth.test");
    assert.equal(mailCount(rig()), before + 1, "no mail for an unknown address");
    const strip = (text: string) => text.replace(/value="[^"]*"/g, 'value=""');
    assert.equal(known.status, 200);
    assert.deepEqual([unknown.status, strip(unknown.text)], [known.status, strip(known.text)]);
    assert.match(known.text, /If an account uses this email address/);
    // Only the hash of the token is stored.
    const row = await rig()
      .ctx.db.selectFrom("password_resets")
      .selectAll()
      .where("token_hash", "=", hashToken(link.token))
      .executeTakeFirstOrThrow();
    assert.equal(row.user_id, rig().fixtures.alice.user.id);
  });

  test("a new password: works, ends every session and token, and the link is spent", async () => {
    const bob = rig().fixtures.bob.user;
    const browser = new CookieJar();
    assert.equal((await signIn(rig(), browser, bob.email, bob.password)).status, 303);
    const apiToken = await createToken(rig().ctx, "bob", "read");
    const auth = { headers: { authorization: `Bearer ${apiToken}` } };
    assert.equal((await rig().get("/api/v1/accounts/verify_credentials", auth)).status, 200);

    await askReset(rig(), bob.email);
    const link = resetLink(rig());
    const form = await rig().get(link.path);
    assert.equal(form.status, 200);
    assert.match(form.text, /Choose a new password/);

    const short = await chooseNew(rig(), link.path, "tiny");
    assert.equal(short.status, 422);
    assert.match(short.text, /Password is too short \(minimum is 8 characters\)/);
    const long = await chooseNew(rig(), link.path, "y".repeat(73));
    assert.match(long.text, /Password is too long \(maximum is 72 characters\)/);
    const mismatch = await chooseNew(rig(), link.path, "new bob password", "other bob password");
    assert.equal(mismatch.status, 422);
    assert.match(mismatch.text, /doesn&#39;t match Password/);

    const done = await chooseNew(rig(), link.path, "new bob password");
    assert.equal(done.status, 303);
    assert.equal(done.location, "/auth/sign_in");

    assert.equal((await browse(rig(), browser, "/auth/sessions")).status, 302, "signed out");
    assert.equal((await rig().get("/api/v1/accounts/verify_credentials", auth)).status, 401);
    assert.equal((await signIn(rig(), new CookieJar(), bob.email, bob.password)).status, 401);
    assert.equal((await signIn(rig(), new CookieJar(), bob.email, "new bob password")).status, 303);

    // The link works once.
    const again = await rig().get(link.path);
    assert.equal(again.status, 410);
    assert.match(again.text, /already been used/);
  });

  test("a link expires after six hours, and a newer link replaces an older one", async () => {
    const alice = rig().fixtures.alice.user.email;
    await askReset(rig(), alice);
    const old = resetLink(rig());
    rig().clock.advance(6 * 60 * 60_000 + 1000);
    try {
      const expired = await rig().get(old.path);
      assert.equal(expired.status, 410);
      assert.match(expired.text, /has expired/);
      const posted = await submitForm(rig(), "/auth/password/new", "/auth/password/edit", {
        reset_password_token: old.token,
        password: "whatever password",
        password_confirmation: "whatever password",
      });
      assert.equal(posted.status, 410);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
    await askReset(rig(), alice);
    const first = resetLink(rig());
    await askReset(rig(), alice);
    const second = resetLink(rig());
    assert.equal((await rig().get(first.path)).status, 410);
    assert.equal((await rig().get(second.path)).status, 200);
    assert.equal((await rig().get("/auth/password/edit?reset_password_token=nope")).status, 404);
    assert.equal((await rig().get("/auth/password/edit")).status, 404);
  });

  test("without the CSRF token nothing is sent or changed", async () => {
    const before = mailCount(rig());
    const res = await askReset(rig(), rig().fixtures.alice.user.email, { csrf: false });
    assert.equal(res.status, 403);
    assert.equal(mailCount(rig()), before);
  });

  test("five requests per address and half hour; 25 per client address and 5 minutes", async () => {
    // Without CSRF tokens (a quick 403): every attempt counts, as in rack-attack.
    const email = "limited@hearth.test";
    for (let i = 0; i < 5; i++)
      assert.equal((await askReset(rig(), email, { csrf: false })).status, 403);
    const byEmail = await askReset(rig(), email.toUpperCase());
    assert.equal(byEmail.status, 429);
    assert.match(byEmail.text, /Too many password reset requests/);

    const ip = nextIp();
    for (let i = 0; i < 25; i++) {
      const res = await askReset(rig(), `p${i}@x.test`, { ip, csrf: false });
      assert.equal(res.status, 403);
    }
    assert.equal((await askReset(rig(), "other@x.test", { ip })).status, 429);
    // The reset form itself counts against the address too.
    const edit = await submitForm(rig(), "/auth/password/new", "/auth/password/edit", {}, { ip });
    assert.equal(edit.status, 429);
    assert.equal((await askReset(rig(), "other@x.test")).status, 200, "other addresses go on");
  });
});
