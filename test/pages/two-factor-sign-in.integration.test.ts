// The second step of a web sign-in for accounts with two-factor on: no session before the code,
// codes and recovery codes that work once, a pending login that expires and cannot be forged,
// CSRF, and the login throttle counting codes too.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { changePassword } from "../../src/services/accounts/lifecycle.ts";
import { browse, CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { describeEachDatabase } from "../rig/index.ts";
import {
  enableTwoFactor,
  go,
  liveSessionIds,
  nextCode,
  passwordStep,
  submit,
  totpCode,
} from "./settings-kit.ts";

const STEP = "/auth/sign_in/two_factor";
const PENDING = "_hearth_pending_login";

describeEachDatabase("two-factor sign-in pages", (rig) => {
  let secret = "";
  let recoveryCodes: string[] = [];
  const alice = () => rig().fixtures.alice.user;

  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
    ({ secret, recoveryCodes } = await enableTwoFactor(rig(), alice().id));
  });

  /** Password step done: the browser holds a pending login and sits on the code page. */
  async function pending(returnTo?: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const res = await passwordStep(rig(), jar, alice(), returnTo);
    assert.equal(res.status, 303, res.text);
    assert.ok(jar.cookies.has(PENDING));
    return jar;
  }
  const enterCode = (jar: CookieJar, code: string, returnTo?: string) =>
    submit(rig(), jar, STEP, STEP, {
      code,
      ...(returnTo === undefined ? {} : { return_to: returnTo }),
    });

  test("the right password leads to the code page, with a pending cookie and no session", async () => {
    const sessionsBefore = await liveSessionIds(rig(), alice().id);
    const jar = new CookieJar();
    const page = await go(rig(), jar, "/auth/sign_in");
    const res = await rig().request("/auth/sign_in", {
      method: "POST",
      headers: { ...jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        authenticity_token: inputValue(page.text, "authenticity_token"),
        email: alice().email,
        password: alice().password,
        return_to: "/oauth/authorize?client_id=x",
      }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(
      res.headers.get("location"),
      `${STEP}?return_to=${encodeURIComponent("/oauth/authorize?client_id=x")}`,
    );
    const cookies = res.headers.getSetCookie();
    assert.ok(!cookies.some((c) => c.startsWith("_hearth_session=")));
    const cookie = cookies.find((c) => c.startsWith(`${PENDING}=`));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Max-Age=600/);
    assert.deepEqual(await liveSessionIds(rig(), alice().id), sessionsBefore);
    jar.take(res);
    const codePage = await go(rig(), jar, res.headers.get("location") as string);
    assert.equal(codePage.status, 200);
    assert.match(codePage.text, /autocomplete="one-time-code"/);
    assert.equal(inputValue(codePage.text, "return_to"), "/oauth/authorize?client_id=x");
  });

  test("a wrong code is refused with one message; the right one signs in and goes on", async () => {
    const jar = await pending("/auth/sessions");
    for (const wrong of ["000000", "not a code", "", recoveryCodes[0]?.replace(/./, "z") ?? ""]) {
      const res = await enterCode(jar, wrong, "/auth/sessions");
      assert.equal(res.status, 401, wrong);
      assert.match(res.text, /Invalid two-factor code or recovery code/);
      assert.equal(jar.cookies.has("_hearth_session"), false);
    }
    const ok = await enterCode(jar, nextCode(rig(), secret), "/auth/sessions");
    assert.equal(ok.status, 303);
    assert.equal(ok.location, "/auth/sessions");
    assert.ok(jar.cookies.has("_hearth_session"));
    assert.equal(jar.cookies.has(PENDING), false, "the pending login is cleared");
    assert.equal((await go(rig(), jar, "/auth/sessions")).status, 200);
  });

  test("a code is accepted once: replaying it in another sign-in fails", async () => {
    const code = nextCode(rig(), secret);
    assert.equal((await enterCode(await pending(), code)).status, 303);
    const replay = await enterCode(await pending(), code);
    assert.equal(replay.status, 401);
    // An older code (the step before) fails too, once a later one was used.
    const older = totpCode(secret, new Date(rig().clock.now().getTime() - 30_000));
    assert.equal((await enterCode(await pending(), older)).status, 401);
  });

  test("a recovery code signs in once, typed in any case or with dashes", async () => {
    const code = recoveryCodes[1] as string;
    const typed = `${code.slice(0, 5).toUpperCase()}-${code.slice(5)}`;
    assert.equal((await enterCode(await pending(), typed)).status, 303);
    assert.equal((await enterCode(await pending(), code)).status, 401);
  });

  test("a missing CSRF token is refused and uses up no code", async () => {
    const jar = await pending();
    const code = nextCode(rig(), secret);
    const refused = await go(rig(), jar, STEP, { code });
    assert.equal(refused.status, 403);
    assert.equal(jar.cookies.has("_hearth_session"), false);
    assert.equal((await enterCode(jar, code)).status, 303, "the same code still works");
  });

  test("an expired pending login sends the browser back to sign-in", async () => {
    const jar = await pending("/auth/sessions");
    const page = await go(rig(), jar, STEP);
    rig().clock.advance(10 * 60 * 1000 + 1000);
    const code = totpCode(secret, rig().clock.now());
    const res = await go(rig(), jar, STEP, {
      authenticity_token: inputValue(page.text, "authenticity_token"),
      code,
      return_to: "/auth/sessions",
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/auth/sign_in?return_to=${encodeURIComponent("/auth/sessions")}`);
    assert.equal(jar.cookies.has("_hearth_session"), false);
    assert.equal(jar.cookies.has(PENDING), false);
    assert.equal((await go(rig(), jar, STEP)).status, 303);
  });

  test("a tampered, forged or voided pending login is worthless", async () => {
    const jar = await pending();
    const token = jar.cookies.get(PENDING) as string;
    const [, expires, mac] = token.split(".");
    const bob = rig().fixtures.bob.user.id;
    const forged = [
      `${bob}.${expires}.${mac}`, // someone else's id under Alice's signature
      `${alice().id}.${Number(expires) + 3_600_000}.${mac}`, // a longer life
      `${alice().id}.${expires}.${mac?.replace(/^./, (ch) => (ch === "A" ? "B" : "A"))}`,
      `${alice().id}.${expires}`,
      "garbage",
    ];
    for (const value of forged) {
      const copy = new CookieJar();
      copy.cookies.set(PENDING, value);
      assert.equal((await go(rig(), copy, STEP)).status, 303, value);
    }
    // A password change voids pending logins made with the old one.
    assert.equal((await go(rig(), jar, STEP)).status, 200);
    const changed = await changePassword(rig().ctx, alice().id, {
      current: alice().password,
      next: alice().password,
    });
    assert.equal(changed.type, "ok");
    assert.equal((await go(rig(), jar, STEP)).status, 303);
  });

  test("codes count toward the login throttle of the account", async () => {
    const ip = "198.51.100.77";
    // The first test signed in from a counted address: start a fresh hour for Alice's email.
    rig().clock.advance(60 * 60 * 1000);
    const jar = new CookieJar();
    const page = await browse(rig(), jar, "/auth/sign_in", undefined, ip);
    const first = await browse(
      rig(),
      jar,
      "/auth/sign_in",
      {
        authenticity_token: inputValue(page.text, "authenticity_token"),
        email: alice().email,
        password: alice().password,
      },
      ip,
    );
    assert.equal(first.status, 303);
    const codePage = await browse(rig(), jar, STEP, undefined, ip);
    const token = inputValue(codePage.text, "authenticity_token");
    // The password step was attempt 1 of 25 for this address.
    for (let i = 0; i < 24; i++) {
      const res = await browse(rig(), jar, STEP, { authenticity_token: token, code: "000000" }, ip);
      assert.equal(res.status, 401, `attempt ${i + 2}`);
    }
    const code = nextCode(rig(), secret);
    const blocked = await browse(rig(), jar, STEP, { authenticity_token: token, code }, ip);
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many sign-in attempts/);
    assert.equal(jar.cookies.has("_hearth_session"), false);
  });

  test("accounts without two-factor still sign in with the password alone", async () => {
    const jar = new CookieJar();
    const res = await passwordStep(rig(), jar, rig().fixtures.bob.user);
    assert.equal(res.status, 303);
    assert.equal(res.location, "/");
    assert.ok(jar.cookies.has("_hearth_session"));
  });
});
