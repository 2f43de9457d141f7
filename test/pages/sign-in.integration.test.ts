// Web sign-in and sign-out: the cookie's attributes, one answer for unknown email and wrong
// password, CSRF, Mastodon's login rate limits, safe return paths.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { hashToken } from "../../src/lib/tokens.ts";
import { csrfToken } from "../../src/services/sessions/csrf.ts";
import { browse, CookieJar, inputValue, setPassword, signIn } from "../api/oauth-kit.ts";
import { describeEachDatabase, type Rig } from "../rig/index.ts";

const liveSessions = async (rig: Rig) =>
  rig.ctx.db.selectFrom("web_sessions").selectAll().where("revoked_at", "is", null).execute();

describeEachDatabase("web sign-in", (rig) => {
  before(async () => {
    await setPassword(rig(), "alice");
  });
  const alice = () => rig().fixtures.alice.user;

  test("signing in sets an HttpOnly, Secure, SameSite=Lax cookie whose hash is stored", async () => {
    const jar = new CookieJar();
    const page = await browse(rig(), jar, "/auth/sign_in");
    const res = await rig().request("/auth/sign_in", {
      method: "POST",
      headers: { ...jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        authenticity_token: inputValue(page.text, "authenticity_token"),
        email: alice().email.toUpperCase(),
        password: alice().password,
      }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("_hearth_session="));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Lax/);
    const token = /^_hearth_session=([^;]+)/.exec(cookie)?.[1] as string;
    const sessions = await liveSessions(rig());
    const row = sessions.find((s) => s.token_hash === hashToken(token));
    assert.ok(row, "the session is stored under the token's hash");
    assert.equal(row.user_id, alice().id);
    assert.equal(row.ip, "203.0.113.7");
  });

  test("an unknown email and a wrong password get the same answer", async () => {
    const attempt = async (email: string) => {
      const res = await signIn(rig(), new CookieJar(), email, "wrong-password-1");
      // The page repeats the email typed and carries a fresh CSRF token: take those out.
      return {
        status: res.status,
        text: res.text.replace(/value="[^"]*"/g, 'value=""').replace(email, ""),
      };
    };
    const wrong = await attempt(alice().email);
    const unknown = await attempt("nobody@hearth.test");
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong, unknown);
    assert.match(wrong.text, /Invalid email address or password/);
  });

  test("a sign-in without the right CSRF token is refused and starts no session", async () => {
    const before = (await liveSessions(rig())).length;
    const jar = new CookieJar();
    await browse(rig(), jar, "/auth/sign_in");
    const credentials = { email: alice().email, password: alice().password };
    const missing = await browse(rig(), jar, "/auth/sign_in", credentials);
    assert.equal(missing.status, 403);
    const wrong = await browse(rig(), jar, "/auth/sign_in", {
      ...credentials,
      authenticity_token: "x",
    });
    assert.equal(wrong.status, 403);
    // A valid token but no seed cookie (a cross-site post cannot send ours).
    const page = await browse(rig(), new CookieJar(), "/auth/sign_in");
    const noCookie = await browse(rig(), new CookieJar(), "/auth/sign_in", {
      ...credentials,
      authenticity_token: inputValue(page.text, "authenticity_token"),
    });
    assert.equal(noCookie.status, 403);
    assert.equal((await liveSessions(rig())).length, before);
    assert.equal(jar.cookies.has("_hearth_session"), false);
  });

  test("sign-out ends the session and needs the CSRF token", async () => {
    const jar = new CookieJar();
    await signIn(rig(), jar, alice().email, alice().password);
    const sessionCookie = jar.cookies.get("_hearth_session") as string;
    const home = await browse(rig(), jar, "/auth/sign_in");
    assert.equal(home.status, 303, "a signed-in visitor is sent on");
    const row = await rig()
      .ctx.db.selectFrom("web_sessions")
      .select(["id", "revoked_at"])
      .where("token_hash", "=", hashToken(sessionCookie))
      .executeTakeFirstOrThrow();
    const refused = await browse(rig(), jar, "/auth/sign_out", {});
    assert.equal(refused.status, 403);
    assert.equal(
      (await liveSessions(rig())).some((s) => s.id === row.id),
      true,
    );
    // The token a signed-in page's forms carry (the consent page's sign-out form has one).
    const token = csrfToken(
      rig().ctx.secrets.secretKeyBase,
      jar.cookies.get("_hearth_csrf") as string,
      row.id,
    );
    const res = await browse(rig(), jar, "/auth/sign_out", { authenticity_token: token });
    assert.equal(res.status, 303);
    assert.equal(jar.cookies.has("_hearth_session"), false);
    const after = await rig()
      .ctx.db.selectFrom("web_sessions")
      .select("revoked_at")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(after.revoked_at, null);
  });

  test("return_to must stay on this server", async () => {
    for (const [given, expected] of [
      ["/oauth/authorize?x=1", "/oauth/authorize?x=1"],
      ["//evil.example/path", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example/", "/"],
    ] as const) {
      const jar = new CookieJar();
      const page = await browse(rig(), jar, "/auth/sign_in");
      const res = await browse(rig(), jar, "/auth/sign_in", {
        authenticity_token: inputValue(page.text, "authenticity_token"),
        return_to: given,
        email: alice().email,
        password: alice().password,
      });
      assert.equal(res.location, expected, given);
    }
  });

  // Every attempt counts, as in rack-attack: these post without a CSRF token (a quick 403),
  // which keeps the test from running 25 password hashes.
  const attempt = (email: string, ip: string) =>
    browse(rig(), new CookieJar(), "/auth/sign_in", { email, password: "x" }, ip);

  test("25 attempts per address per 5 minutes, then 429", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < 25; i++) assert.equal((await attempt(`u${i}@x.test`, ip)).status, 403);
    const blocked = await attempt("u@x.test", ip);
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /Too many sign-in attempts/);
    // Even the right password is refused while the limit lasts.
    const jar = new CookieJar();
    const page = await browse(rig(), jar, "/auth/sign_in", undefined, ip);
    const right = await browse(
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
    assert.equal(right.status, 429);
    rig().clock.advance(5 * 60 * 1000);
    assert.equal((await attempt("u@x.test", ip)).status, 403);
  });

  test("25 attempts per email per hour, even from many addresses", async () => {
    const email = "target@hearth.test";
    for (let i = 0; i < 25; i++)
      assert.equal((await attempt(email, `192.0.2.${i + 1}`)).status, 403);
    assert.equal((await attempt(email.toUpperCase(), "192.0.2.200")).status, 429);
    assert.equal((await attempt("other@hearth.test", "192.0.2.201")).status, 403);
  });

  test("a disabled login is refused once the password is right", async () => {
    await setPassword(rig(), "bob");
    await rig()
      .ctx.db.updateTable("users")
      .set({ disabled: true })
      .where("id", "=", rig().fixtures.bob.user.id)
      .execute();
    const bob = rig().fixtures.bob.user;
    const res = await signIn(rig(), new CookieJar(), bob.email, bob.password);
    assert.equal(res.status, 401);
    assert.match(res.text, /Your login is currently disabled/);
    const wrong = await signIn(rig(), new CookieJar(), bob.email, "wrong");
    assert.match(wrong.text, /Invalid email address or password/);
  });

  test("one person keeps at most ten sessions; a session ends a year after its last use", async () => {
    const jars: CookieJar[] = [];
    for (let i = 0; i < 11; i++) {
      const jar = new CookieJar();
      await signIn(rig(), jar, alice().email, alice().password);
      jars.push(jar);
    }
    const live = (await liveSessions(rig())).filter((s) => s.user_id === alice().id);
    assert.equal(live.length, 10);
    // The oldest browser is signed out: sign-in shows the form again instead of moving on.
    assert.equal((await browse(rig(), jars[0] as CookieJar, "/auth/sign_in")).status, 200);
    const newest = jars[10] as CookieJar;
    assert.equal((await browse(rig(), newest, "/auth/sign_in")).status, 303);
    rig().clock.advance(366 * 24 * 60 * 60 * 1000);
    assert.equal((await browse(rig(), newest, "/auth/sign_in")).status, 200);
  });
});
