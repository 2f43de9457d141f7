// Security catalogue (shared/research/security.md §5), rate-limit gaps: J1 (many addresses of
// one IPv6 /64), J3 (X-Forwarded-For from a peer that is not our proxy), J4 (sign-ups from one
// address). test/api/rate-limit covers the API counters with one address per bucket; these
// spread the requests the way an attacker would, and aim at the sign-up and sign-in counters.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { browse, CookieJar, inputValue, setPassword } from "../api/oauth-kit.ts";
import { bearer, signUpBody } from "../api/registrations-kit.ts";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("security: rate limits", (rig) => {
  let appToken = "";
  before(async () => {
    appToken = await createToken(rig().ctx, null, "read write");
    await setPassword(rig(), "alice");
  });

  test("J1: 301 unauthenticated requests from 301 addresses of one IPv6 /64: the 301st gets 429", async () => {
    const spellings = (n: number) => {
      const hex = n.toString(16);
      // The same /64 written in every way an address can be: compressed, padded, upper case.
      switch (n % 3) {
        case 0:
          return `2001:db8:77:1::${hex}`;
        case 1:
          return `2001:0DB8:0077:0001:0:0:${hex}:1`;
        default:
          return `2001:db8:77:1:${hex}::`;
      }
    };
    for (let i = 0; i < 300; i++) {
      const res = await rig().request("/api/v1/instance", { ip: spellings(i) });
      assert.equal(res.status, 200, `request ${i + 1} from ${spellings(i)}`);
    }
    const refused = await rig().get("/api/v1/instance", {
      ip: "2001:db8:77:1:ffff:ffff:ffff:fffe",
    });
    assert.equal(refused.status, 429);
    assertSchema("Error", refused.body);
    assert.equal(refused.headers.get("x-ratelimit-limit"), "300");
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(refused.headers.get("x-ratelimit-reset"));
    // The neighbouring /64 is someone else.
    assert.equal((await rig().request("/api/v1/instance", { ip: "2001:db8:77:2::1" })).status, 200);
  });

  test("J3: X-Forwarded-For from a peer that is not the proxy opens no new sign-up bucket", async () => {
    const peer = "198.51.100.60";
    const signUp = (n: number) =>
      rig().send("POST", "/api/v1/accounts", signUpBody(`jthree${n}`), {
        ...bearer(appToken),
        ip: peer,
        headers: { ...bearer(appToken).headers, "x-forwarded-for": `203.0.113.${n}` },
      });
    for (let n = 1; n <= 5; n++) assert.equal((await signUp(n)).status, 200, `sign-up ${n}`);
    const sixth = await signUp(6);
    assert.equal(sixth.status, 429);
    assertSchema("Error", sixth.body);
    // The address stored for the sign-up is the peer's, not the forged one.
    const row = await rig()
      .ctx.db.selectFrom("users")
      .select("sign_up_ip")
      .where("email", "=", "jthree1@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(row.sign_up_ip, peer);
  });

  test("J3: X-Forwarded-For from a peer that is not the proxy does not reset the sign-in limit, nor is it logged", async () => {
    const peer = "198.51.100.61";
    const attempt = async (n: number, password: string) => {
      const jar = new CookieJar();
      const forged = { "x-forwarded-for": `192.0.2.${n}` };
      const page = await rig().request("/auth/sign_in", { ip: peer, headers: forged });
      jar.take(page);
      const res = await rig().request("/auth/sign_in", {
        method: "POST",
        ip: peer,
        headers: {
          ...jar.header(),
          ...forged,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          authenticity_token: inputValue(await page.text(), "authenticity_token"),
          email: `nobody${n}@hearth.test`,
          password,
        }).toString(),
      });
      jar.take(res);
      return { status: res.status, jar };
    };
    // A successful sign-in first: the session records the peer.
    const jar = new CookieJar();
    const alice = rig().fixtures.alice.user;
    const page = await browse(rig(), jar, "/auth/sign_in", undefined, peer);
    const ok = await rig().request("/auth/sign_in", {
      method: "POST",
      ip: peer,
      headers: {
        ...jar.header(),
        "x-forwarded-for": "9.9.9.9",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        authenticity_token: inputValue(page.text, "authenticity_token"),
        email: alice.email,
        password: alice.password,
      }).toString(),
    });
    assert.equal(ok.status, 303);
    const sessions = await rig()
      .ctx.db.selectFrom("web_sessions")
      .select("ip")
      .where("user_id", "=", alice.id)
      .execute();
    assert.ok(sessions.some((s) => s.ip === peer));
    assert.equal(
      sessions.some((s) => s.ip === "9.9.9.9"),
      false,
      "the forged address was logged",
    );
    // 24 more attempts with a fresh forged address each reach the limit of 25…
    for (let n = 1; n <= 24; n++) assert.equal((await attempt(n, "wrong")).status, 401);
    // …and the 26th is refused, whatever the header says.
    assert.equal((await attempt(99, "wrong")).status, 429);
  });

  test("J4: the 6th sign-up from one address in 30 minutes gets 429 with the X-RateLimit headers", async () => {
    const ip = "198.51.100.62";
    for (let n = 1; n <= 5; n++) {
      const res = await rig().send("POST", "/api/v1/accounts", signUpBody(`jfour${n}`), {
        ...bearer(appToken),
        ip,
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get("x-ratelimit-remaining"), String(5 - n));
    }
    // Another app token does not help: the count is per address.
    const other = await createToken(rig().ctx, null, "write:accounts");
    const sixth = await rig().send("POST", "/api/v1/accounts", signUpBody("jfour6"), {
      ...bearer(other),
      ip,
    });
    assert.equal(sixth.status, 429);
    assertSchema("Error", sixth.body);
    assert.deepEqual(sixth.body, { error: "Too many requests" });
    assert.equal(sixth.headers.get("x-ratelimit-limit"), "5");
    assert.equal(sixth.headers.get("x-ratelimit-remaining"), "0");
    assert.equal(sixth.headers.get("x-ratelimit-reset"), "2026-01-01T12:30:00.000Z");
  });
});
