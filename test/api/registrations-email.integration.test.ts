// The confirmation link and the resend endpoint: expiry, replacement by a newer link, a
// corrected address, who may ask, and the per-user limit on resends.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import {
  assertSchema,
  assertSpec,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
} from "../rig/index.ts";
import {
  bearer,
  confirmationPath,
  lastMail,
  mailCount,
  nextIp,
  signUpBody,
} from "./registrations-kit.ts";

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase("email confirmation", (rig) => {
  let appToken = "";
  before(async () => {
    appToken = await createToken(rig().ctx, null, "read write");
    await saveSetting(rig().ctx.db, "registrations", "open", rig().clock.now());
  });

  /** Signs someone up; returns their token. */
  async function signUp(username: string): Promise<string> {
    const res = await rig().send("POST", "/api/v1/accounts", signUpBody(username), {
      ...bearer(appToken),
      ip: nextIp(),
    });
    assert.equal(res.status, 200, res.text);
    return (res.body as { access_token: string }).access_token;
  }
  const resend = (token: string, body?: unknown) =>
    rig().send("POST", "/api/v1/emails/confirmations", body, { ...bearer(token), ip: nextIp() });

  test("a link older than two days is refused; a resent one works and replaces it", async () => {
    const token = await signUp("slowpoke");
    const first = lastMail(rig());
    try {
      rig().clock.advance(2 * DAY + 60_000);
      const expired = await rig().get(confirmationPath(rig(), first));
      assert.equal(expired.status, 410);
      assert.match(expired.text, /expired/);
      // The token is in the URL: it must not leak to other sites as a Referer.
      assert.equal(expired.headers.get("referrer-policy"), "no-referrer");
      assert.equal(
        (await rig().get("/api/v1/emails/check_confirmation", bearer(token))).body,
        false,
      );

      const res = await resend(token);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {});
      const second = lastMail(rig());
      assert.notEqual(second.token, first.token);
      assert.equal(second.to, "slowpoke@example.org");
      // Only the newest link works.
      assert.equal((await rig().get(confirmationPath(rig(), first))).status, 404);
      assert.equal((await rig().get(confirmationPath(rig(), second))).status, 200);
      assert.equal(
        (await rig().get("/api/v1/emails/check_confirmation", bearer(token))).body,
        true,
      );
    } finally {
      rig().clock.set(FIXED_TIME);
    }
  });

  test("resending to a corrected address changes it; taken or malformed ones are refused", async () => {
    const token = await signUp("typo");
    const fixed = await resend(token, { email: "typo-fixed@example.org" });
    assert.equal(fixed.status, 200);
    const mail = lastMail(rig());
    assert.equal(mail.to, "typo-fixed@example.org");
    const user = await rig()
      .ctx.db.selectFrom("users")
      .select("email")
      .where("email", "=", "typo-fixed@example.org")
      .executeTakeFirst();
    assert.ok(user);

    const count = mailCount(rig());
    const taken = await resend(token, { email: "BOB@hearth.test" });
    assert.equal(taken.status, 422);
    assertSpec("POST", "/api/v1/emails/confirmations", 422, taken.body);
    assert.deepEqual((taken.body as { details: unknown }).details, {
      email: [{ error: "ERR_TAKEN", description: "has already been taken" }],
    });
    const malformed = await resend(token, { email: "nope" });
    assert.equal(malformed.status, 422);
    assert.equal(mailCount(rig()), count);
  });

  test("only the app that signed the user up may resend, and only before confirmation", async () => {
    const token = await signUp("strict");
    const appOnly = await resend(appToken);
    assert.equal(appOnly.status, 403);
    const message = {
      error: "This method is only available to the application the user originally signed-up with",
    };
    assert.deepEqual(appOnly.body, message);
    // alice's token is from the test app too, but alice was not signed up through it.
    const other = await resend(await createToken(rig().ctx, "alice", "write"));
    assert.deepEqual(other.body, message);
    const readOnly = await resend(await createToken(rig().ctx, null, "read"));
    assert.equal(readOnly.status, 403);
    assertSchema("Error", readOnly.body);

    await rig().get(confirmationPath(rig(), lastMail(rig())));
    const done = await resend(token);
    assert.equal(done.status, 403);
    assert.deepEqual(done.body, {
      error: "This method is only available while the e-mail is awaiting confirmation",
    });
  });

  test("a confirmed user's new address replaces the old one only once confirmed", async () => {
    const token = await signUp("mover");
    await rig().get(confirmationPath(rig(), lastMail(rig())));
    // The email-change form comes later; it records the new address like this.
    await rig()
      .ctx.db.updateTable("users")
      .set({ unconfirmed_email: "mover-new@example.org" })
      .where("email", "=", "mover@example.org")
      .execute();
    assert.equal((await resend(token)).status, 200);
    const mail = lastMail(rig());
    assert.equal(mail.to, "mover-new@example.org");
    const emailOf = async () =>
      (
        await rig()
          .ctx.db.selectFrom("users")
          .select(["email", "unconfirmed_email"])
          .where("email", "like", "mover%")
          .executeTakeFirstOrThrow()
      ).email;
    assert.equal(await emailOf(), "mover@example.org");
    // Still a working account meanwhile: the old address stays confirmed.
    assert.equal((await rig().get("/api/v1/emails/check_confirmation", bearer(token))).body, true);
    assert.equal((await rig().get(confirmationPath(rig(), mail))).status, 200);
    assert.equal(await emailOf(), "mover-new@example.org");
    assert.equal((await resend(token)).status, 403);
  });

  test("a new address taken by someone else meanwhile cannot be confirmed", async () => {
    const token = await signUp("racer");
    await rig().get(confirmationPath(rig(), lastMail(rig())));
    await rig()
      .ctx.db.updateTable("users")
      .set({ unconfirmed_email: "wanted@example.org" })
      .where("email", "=", "racer@example.org")
      .execute();
    assert.equal((await resend(token)).status, 200);
    const mail = lastMail(rig());
    await signUp("wanted");
    const page = await rig().get(confirmationPath(rig(), mail));
    assert.equal(page.status, 409);
    assert.match(page.text, /Another account/);
  });

  test("the 6th resend for one user in 30 minutes gets 429", async () => {
    const token = await signUp("impatient");
    for (let i = 0; i < 5; i++) assert.equal((await resend(token)).status, 200);
    const sixth = await resend(token);
    assert.equal(sixth.status, 429);
    assert.equal(sixth.headers.get("x-ratelimit-remaining"), "0");
  });

  test("check_confirmation needs a user token", async () => {
    const none = await rig().get("/api/v1/emails/check_confirmation");
    assert.equal(none.status, 401);
    const app = await rig().get("/api/v1/emails/check_confirmation", bearer(appToken));
    assert.equal(app.status, 401);
    assert.deepEqual(app.body, { error: "This method requires an authenticated user" });
    const alice = await rig().get(
      "/api/v1/emails/check_confirmation",
      bearer(await createToken(rig().ctx, "alice", "read:accounts")),
    );
    assert.equal(alice.body, true);
  });

  test("an unknown or missing token gets a page saying so", async () => {
    const unknown = await rig().get("/auth/confirmation?confirmation_token=nonsense");
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /not valid/);
    assert.match(unknown.headers.get("content-type") ?? "", /text\/html/);
    const missing = await rig().get("/auth/confirmation");
    assert.equal(missing.status, 400);
  });
});
