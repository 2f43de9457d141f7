// The account settings pages: signed-in only, CSRF on every form, two-factor on and off,
// password change (ends every other browser and token, keeps this one), account deletion.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { verifyPassword } from "../../src/lib/password.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import {
  disableTotp,
  isTwoFactorEnabled,
  verifySecondFactor,
} from "../../src/services/two-factor/totp.ts";
import { CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { createToken, describeEachDatabase, type Rig } from "../rig/index.ts";
import {
  enableTwoFactor,
  go,
  liveSessionIds,
  nextCode,
  signedIn,
  submit,
  totpCode,
} from "./settings-kit.ts";

const TWO_FACTOR = "/settings/two_factor";

async function passwordMatches(rig: Rig, userId: string, password: string) {
  const row = await rig.ctx.db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return verifyPassword(password, row.password_hash as string);
}

async function tokenLive(rig: Rig, token: string) {
  const row = await rig.ctx.db
    .selectFrom("oauth_access_tokens")
    .select("revoked_at")
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirstOrThrow();
  return row.revoked_at === null;
}

describeEachDatabase("account settings pages", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
  });
  const alice = () => rig().fixtures.alice.user;
  const bob = () => rig().fixtures.bob.user;

  test("every settings page sends a visitor who is not signed in to sign-in and back", async () => {
    for (const path of [TWO_FACTOR, "/settings/password", "/settings/delete"]) {
      const res = await go(rig(), new CookieJar(), path);
      assert.equal(res.status, 302, path);
      assert.equal(res.location, `/auth/sign_in?return_to=${encodeURIComponent(path)}`);
    }
  });

  test("the pages carry the strict CSP, a settings navigation and labelled fields", async () => {
    const jar = await signedIn(rig(), alice());
    for (const path of [TWO_FACTOR, "/settings/password", "/settings/delete"]) {
      const res = await go(rig(), jar, path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      assert.equal(res.headers.get("cache-control"), "no-store");
      assert.match(res.text, new RegExp(`href="${path}" aria-current="page"`));
      for (const [, id] of res.text.matchAll(/<input id="([^"]+)"/g))
        assert.match(res.text, new RegExp(`<label for="${id}">`), `${path} #${id}`);
    }
    const password = await go(rig(), jar, "/settings/password");
    assert.match(password.text, /autocomplete="current-password"/);
    assert.match(password.text, /autocomplete="new-password"/);
  });

  test("turning two-factor on: CSRF, the QR code and secret, a wrong then a right first code", async () => {
    const jar = await signedIn(rig(), alice());
    const off = await go(rig(), jar, TWO_FACTOR);
    assert.match(off.text, /is <strong>off<\/strong>/);
    assert.equal((await go(rig(), jar, `${TWO_FACTOR}/setup`, {})).status, 403);
    assert.doesNotMatch((await go(rig(), jar, TWO_FACTOR)).text, /totp-secret/);

    const started = await submit(rig(), jar, TWO_FACTOR, `${TWO_FACTOR}/setup`, {});
    assert.equal(started.status, 303);
    const setup = await go(rig(), jar, TWO_FACTOR);
    assert.match(setup.text, /<svg[^>]*>/);
    const secret = /<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(setup.text)?.[1];
    assert.ok(secret);
    assert.match(setup.text, /autocomplete="one-time-code"/);

    const code = totpCode(secret, rig().clock.now());
    assert.equal((await go(rig(), jar, `${TWO_FACTOR}/confirm`, { code })).status, 403);
    const wrong = await submit(rig(), jar, TWO_FACTOR, `${TWO_FACTOR}/confirm`, { code: "000000" });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, new RegExp(secret), "the same secret is shown again");
    assert.equal(await isTwoFactorEnabled(rig().ctx, alice().id), false);

    const done = await submit(rig(), jar, TWO_FACTOR, `${TWO_FACTOR}/confirm`, { code });
    assert.equal(done.status, 200);
    const codes = [...done.text.matchAll(/<li><code>([0-9a-f]{10})<\/code><\/li>/g)];
    assert.equal(codes.length, 10);
    assert.equal(await isTwoFactorEnabled(rig().ctx, alice().id), true);
    assert.match((await go(rig(), jar, TWO_FACTOR)).text, /is <strong>on<\/strong>. 10 unused/);

    // Turning off needs CSRF, the password and a valid code; each failure changes nothing.
    const disable = `${TWO_FACTOR}/disable`;
    const fresh = nextCode(rig(), secret);
    const password = alice().password;
    assert.equal(
      (await go(rig(), jar, disable, { current_password: password, code: fresh })).status,
      403,
    );
    const noPassword = await submit(rig(), jar, TWO_FACTOR, disable, {
      current_password: "nope",
      code: fresh,
    });
    assert.equal(noPassword.status, 422);
    const noCode = await submit(rig(), jar, TWO_FACTOR, disable, {
      current_password: password,
      code: "000000",
    });
    assert.equal(noCode.status, 422);
    assert.match(noCode.text, /The password or the code is wrong/);
    assert.equal(await isTwoFactorEnabled(rig().ctx, alice().id), true);
    const ok = await submit(rig(), jar, TWO_FACTOR, disable, {
      current_password: password,
      code: fresh,
    });
    assert.equal(ok.status, 303);
    assert.equal(await isTwoFactorEnabled(rig().ctx, alice().id), false);
    assert.match((await go(rig(), jar, ok.location as string)).text, /is <strong>off<\/strong>/);
  });

  test("new recovery codes need CSRF, the password and a code, and void the old ones", async () => {
    const jar = await signedIn(rig(), alice());
    const { secret, recoveryCodes } = await enableTwoFactor(rig(), alice().id);
    try {
      const path = `${TWO_FACTOR}/recovery_codes`;
      const form = { current_password: alice().password, code: nextCode(rig(), secret) };
      assert.equal((await go(rig(), jar, path, form)).status, 403);
      const wrong = await submit(rig(), jar, TWO_FACTOR, path, { ...form, code: "000000" });
      assert.equal(wrong.status, 422);
      const noPassword = await submit(rig(), jar, TWO_FACTOR, path, {
        ...form,
        current_password: "x",
      });
      assert.equal(noPassword.status, 422);
      const res = await submit(rig(), jar, TWO_FACTOR, path, form);
      assert.equal(res.status, 200);
      const fresh = [...res.text.matchAll(/<li><code>([0-9a-f]{10})<\/code><\/li>/g)].map(
        (m) => m[1] as string,
      );
      assert.equal(fresh.length, 10);
      assert.ok(!fresh.some((code) => recoveryCodes.includes(code)));
      const ctx = rig().ctx;
      assert.equal(
        (await verifySecondFactor(ctx, alice().id, recoveryCodes[0] as string)).type,
        "rejected",
      );
      assert.equal((await verifySecondFactor(ctx, alice().id, fresh[0] as string)).type, "ok");
      assert.equal(
        (await verifySecondFactor(ctx, alice().id, fresh[0] as string)).type,
        "rejected",
      );
    } finally {
      await disableTotp(rig().ctx, alice().id);
    }
  });

  test("a password change needs CSRF, the current password and a matching confirmation", async () => {
    const jar = await signedIn(rig(), alice());
    const other = await signedIn(rig(), alice());
    const token = await createToken(rig().ctx, "alice", "read");
    const sessions = await liveSessionIds(rig(), alice().id);
    const form = {
      current_password: alice().password,
      password: "a-new-password-9",
      password_confirmation: "a-new-password-9",
    };
    const path = "/settings/password";
    assert.equal((await go(rig(), jar, path, form)).status, 403);
    const wrong = await submit(rig(), jar, path, path, { ...form, current_password: "wrong-one" });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /current password is wrong/);
    const mismatch = await submit(rig(), jar, path, path, { ...form, password_confirmation: "x" });
    assert.equal(mismatch.status, 422);
    const short = await submit(rig(), jar, path, path, {
      ...form,
      password: "short",
      password_confirmation: "short",
    });
    assert.equal(short.status, 422);
    assert.equal(await passwordMatches(rig(), alice().id, alice().password), true);
    assert.deepEqual(await liveSessionIds(rig(), alice().id), sessions);
    assert.equal(await tokenLive(rig(), token), true);
    assert.equal((await go(rig(), other, path)).status, 200);
  });

  test("a new password ends every other browser and token, and keeps this browser in", async () => {
    const jar = await signedIn(rig(), alice());
    const other = await signedIn(rig(), alice());
    const bobs = await signedIn(rig(), bob());
    const token = await createToken(rig().ctx, "alice", "read");
    const bobToken = await createToken(rig().ctx, "bob", "read");
    const path = "/settings/password";
    const res = await submit(rig(), jar, path, path, {
      current_password: alice().password,
      password: "a-new-password-9",
      password_confirmation: "a-new-password-9",
    });
    assert.equal(res.status, 303);
    const after = await go(rig(), jar, res.location as string);
    assert.equal(after.status, 200, "this browser is still signed in");
    assert.match(after.text, /Your password was changed/);
    assert.equal((await liveSessionIds(rig(), alice().id)).length, 1);
    assert.equal((await go(rig(), other, path)).status, 302, "the other browser is signed out");
    assert.equal(await tokenLive(rig(), token), false);
    const verify = await rig().get("/api/v1/accounts/verify_credentials", {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(verify.status, 401);
    assert.equal((await go(rig(), bobs, path)).status, 200, "other people are untouched");
    assert.equal(await tokenLive(rig(), bobToken), true);
    assert.equal(await passwordMatches(rig(), alice().id, "a-new-password-9"), true);
    // Put the fixture's password back for the tests that follow.
    await setPassword(rig(), "alice");
  });

  test("deleting the account needs CSRF and the password, then signs out and says goodbye", async () => {
    const jar = await signedIn(rig(), bob());
    const other = await signedIn(rig(), bob());
    const token = await createToken(rig().ctx, "bob", "read");
    const path = "/settings/delete";
    const exists = async () =>
      (await rig()
        .ctx.db.selectFrom("users")
        .select("id")
        .where("id", "=", bob().id)
        .executeTakeFirst()) !== undefined;
    assert.equal((await go(rig(), jar, path, { current_password: bob().password })).status, 403);
    const wrong = await submit(rig(), jar, path, path, { current_password: "not-it" });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /The password is wrong/);
    assert.equal(await exists(), true);
    assert.equal(await tokenLive(rig(), token), true);
    assert.equal((await go(rig(), other, path)).status, 200);

    const page = await go(rig(), jar, path);
    const res = await go(rig(), jar, path, {
      authenticity_token: inputValue(page.text, "authenticity_token"),
      current_password: bob().password,
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /Your account was deleted/);
    assert.equal(jar.cookies.has("_hearth_session"), false);
    assert.equal(await exists(), false);
    assert.equal((await go(rig(), other, path)).status, 302);
    const signIn = await submit(rig(), new CookieJar(), "/auth/sign_in", "/auth/sign_in", {
      email: bob().email,
      password: bob().password,
    });
    assert.equal(signIn.status, 401);
  });
});
