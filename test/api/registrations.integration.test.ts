// Sign-up through the API (POST /api/v1/accounts) and email confirmation: the happy path from
// app token to confirmed user through the .eml file, and the registration modes.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { requireAuth } from "../../src/api/middleware/auth.ts";
import { hashToken } from "../../src/lib/tokens.ts";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import {
  assertSpec,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
  type Rig,
} from "../rig/index.ts";
import {
  bearer,
  confirmationPath,
  lastMail,
  mailCount,
  nextIp,
  signUpBody,
} from "./registrations-kit.ts";

describeEachDatabase("sign-up through the API", (rig) => {
  let appToken = "";
  before(async () => {
    appToken = await createToken(rig().ctx, null, "read write");
    await setMode(rig(), "open");
    // A protected endpoint to see whether the new user's token is accepted yet.
    rig().app.get("/api/v1/__me", requireAuth({ scopes: ["read"] }), (c) =>
      c.json({ account: c.var.auth?.user?.accountId }),
    );
  });

  const signUp = (body: Record<string, unknown>, token = appToken) =>
    rig().send("POST", "/api/v1/accounts", body, { ...bearer(token), ip: nextIp() });

  test("sign up, follow the mailed link, and the new token works", async () => {
    const before = mailCount(rig());
    const res = await signUp(signUpBody("newcomer"));
    assert.equal(res.status, 200, res.text);
    assertSpec("POST", "/api/v1/accounts", 200, res.body);
    const token = res.body as {
      access_token: string;
      token_type: string;
      scope: string;
      created_at: number;
    };
    assert.equal(token.token_type, "Bearer");
    // Mastodon gives the new token the app's registered scopes.
    assert.equal(token.scope, "read write follow push profile admin:read admin:write");
    assert.equal(token.created_at, Date.parse(FIXED_TIME) / 1000);

    const me = await rig().get("/api/v1/__me", bearer(token.access_token));
    assert.equal(me.status, 403);
    assert.deepEqual(me.body, { error: "Your login is missing a confirmed e-mail address" });
    const check = await rig().get("/api/v1/emails/check_confirmation", bearer(token.access_token));
    assert.equal(check.status, 200);
    assert.equal(check.body, false);

    assert.equal(mailCount(rig()), before + 1);
    const mail = lastMail(rig());
    assert.equal(mail.to, "newcomer@example.org");
    assert.match(mail.subject, /confirm your email address/);
    const page = await rig().get(confirmationPath(rig(), mail));
    assert.equal(page.status, 200);
    assert.match(page.text, /Your email address has been confirmed/);
    assert.match(page.text, /You can now sign in/);

    const after = await rig().get("/api/v1/__me", bearer(token.access_token));
    assert.equal(after.status, 200);
    assert.equal(
      (await rig().get("/api/v1/emails/check_confirmation", bearer(token.access_token))).body,
      true,
    );
    const again = await rig().get(confirmationPath(rig(), mail));
    assert.equal(again.status, 200);
    assert.match(again.text, /already confirmed/);

    const user = await rig()
      .ctx.db.selectFrom("users")
      .selectAll()
      .where("email", "=", "newcomer@example.org")
      .executeTakeFirstOrThrow();
    assert.equal(user.approved, true);
    assert.equal(user.agreement, true);
    assert.equal(user.locale, "en");
    assert.equal(user.created_by_application_id, "1000");
    assert.match(user.sign_up_ip ?? "", /^198\.18\./);
    assert.equal(user.confirmed_at, FIXED_TIME);
    // Secrets are stored hashed: neither the access token nor the link's token appears.
    const stored = JSON.stringify(user);
    assert.ok(!stored.includes(mail.token) && !stored.includes(token.access_token));
    assert.equal(user.confirmation_token_hash, hashToken(mail.token));
  });

  test('form bodies work too, with agreement as "1"', async () => {
    const form = new URLSearchParams({ ...signUpBody("formfan"), agreement: "1" } as Record<
      string,
      string
    >);
    const res = await rig().send("POST", "/api/v1/accounts", form, {
      ...bearer(appToken),
      ip: nextIp(),
    });
    assert.equal(res.status, 200, res.text);
  });

  test("closed registrations: 403 with Mastodon's message, nothing stored", async () => {
    await setMode(rig(), "closed");
    try {
      const users = await countUsers(rig());
      const res = await signUp(signUpBody("shutout"));
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { error: "This action is not allowed" });
      assert.equal(await countUsers(rig()), users);
    } finally {
      await setMode(rig(), "open");
    }
  });

  test("approval mode: an unapproved user, kept out after confirming until approved", async () => {
    await setMode(rig(), "approval");
    try {
      const res = await signUp({ ...signUpBody("applicant"), reason: "I cook for the town." });
      assert.equal(res.status, 200, res.text);
      const { access_token } = res.body as { access_token: string };
      const user = await rig()
        .ctx.db.selectFrom("users")
        .select(["approved", "sign_up_reason"])
        .where("email", "=", "applicant@example.org")
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...user }, { approved: false, sign_up_reason: "I cook for the town." });
      const page = await rig().get(confirmationPath(rig(), lastMail(rig())));
      assert.equal(page.status, 200);
      assert.match(page.text, /A moderator will review your sign-up/);
      const me = await rig().get("/api/v1/__me", bearer(access_token));
      assert.equal(me.status, 403);
      assert.deepEqual(me.body, { error: "Your login is currently pending approval" });
    } finally {
      await setMode(rig(), "open");
    }
  });

  test("only an app token with write:accounts may sign people up", async () => {
    const none = await rig().send("POST", "/api/v1/accounts", signUpBody("tokenless"), {
      ip: nextIp(),
    });
    assert.equal(none.status, 401);
    const readOnly = await signUp(
      signUpBody("readonly"),
      await createToken(rig().ctx, null, "read"),
    );
    assert.equal(readOnly.status, 403);
    assert.deepEqual(readOnly.body, { error: "This action is outside the authorized scopes" });
    const granular = await signUp(
      signUpBody("granular"),
      await createToken(rig().ctx, null, "write:accounts"),
    );
    assert.equal(granular.status, 200);
    // A signed-in user does not sign up again through their app.
    const signedIn = await signUp(
      signUpBody("second"),
      await createToken(rig().ctx, "alice", "write"),
    );
    assert.equal(signedIn.status, 403);
  });

  test("the 6th sign-up from one address in 30 minutes gets 429, failed ones counted", async () => {
    const ip = "192.0.2.200";
    const attempt = () =>
      rig().send(
        "POST",
        "/api/v1/accounts",
        { ...signUpBody("throttled"), agreement: false },
        {
          ...bearer(appToken),
          ip,
        },
      );
    for (let i = 0; i < 5; i++) assert.equal((await attempt()).status, 422);
    const sixth = await attempt();
    assert.equal(sixth.status, 429);
    assertSpec("POST", "/api/v1/accounts", 429, sixth.body);
    assert.equal(sixth.headers.get("x-ratelimit-limit"), "5");
    assert.equal(sixth.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(sixth.headers.get("x-ratelimit-reset"));
  });
});

async function setMode(rig: Rig, mode: "open" | "approval" | "closed"): Promise<void> {
  await saveSetting(rig.ctx.db, "registrations", mode, rig.clock.now());
}

async function countUsers(rig: Rig): Promise<number> {
  const row = await rig.ctx.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
