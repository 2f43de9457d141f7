// Security catalogue (shared/research/security.md §5), account takeover and registration abuse:
// H2 (per-account login throttle across addresses, on the password grant), H3 (reset links:
// twice, expired, after the password changed), H4 (email change and password reset), M1
// (closed registrations and invites), M3 (unconfirmed accounts, confirmation links).
// The web sign-in form's H2 and the basic M1/M3 answers are tested in test/pages/sign-in,
// test/api/registrations*, test/api/auth; these try the remaining ways around them.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { changePassword } from "../../src/services/accounts/lifecycle.ts";
import { modifyUser } from "../../src/services/accounts/manage-user.ts";
import { changeEmail } from "../../src/services/registrations/change-email.ts";
import { createInvite } from "../../src/services/registrations/invites.ts";
import {
  browse,
  CookieJar,
  inputValue,
  registerApp,
  setPassword,
  signIn,
} from "../api/oauth-kit.ts";
import {
  bearer,
  confirmationPath,
  lastMail,
  mailCount,
  nextIp,
  readMail,
  signUpBody,
} from "../api/registrations-kit.ts";
import { resetLink, submitForm } from "../pages/sign-up-kit.ts";
import {
  assertSchema,
  createToken,
  describeEachDatabase,
  FIXED_TIME,
  type Rig,
} from "../rig/index.ts";

const askReset = (rig: Rig, email: string) =>
  submitForm(rig, "/auth/password/new", "/auth/password/new", { email });
const useLink = (rig: Rig, token: string, password: string) =>
  submitForm(rig, "/auth/password/new", "/auth/password/edit", {
    reset_password_token: token,
    password,
    password_confirmation: password,
  });
const passwordHash = async (rig: Rig, userId: string) =>
  (
    await rig.ctx.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow()
  ).password_hash;

describeEachDatabase("security: account takeover and registration abuse", (rig) => {
  let appToken = "";
  before(async () => {
    await setPassword(rig(), "alice");
    await setPassword(rig(), "bob");
    appToken = await createToken(rig().ctx, null, "read write");
  });

  test("H2: 26 password-grant attempts on one account from 26 addresses: the 26th gets 429", async () => {
    const app = await registerApp(rig(), { client_name: "Guesser" });
    const attempt = (ip: string, password: string) =>
      rig().send(
        "POST",
        "/oauth/token",
        {
          grant_type: "password",
          username: "Bob@hearth.test",
          password,
          client_id: app.client_id,
          client_secret: app.client_secret,
          scope: "read",
        },
        { ip },
      );
    for (let i = 0; i < 25; i++) {
      const res = await attempt(`192.0.2.${i + 1}`, `guess-${i}`);
      assert.equal(res.status, 400, `attempt ${i + 1}`);
      assertSchema("Error", res.body);
    }
    // The 26th, from yet another address and with the right password, is refused all the same.
    const blocked = await attempt("192.0.2.77", rig().fixtures.bob.user.password);
    assert.equal(blocked.status, 429, blocked.text);
    assertSchema("Error", blocked.body);
    assert.equal(
      Number(
        (
          await rig()
            .ctx.db.selectFrom("oauth_access_tokens")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("application_id", "=", app.id)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
      "no token was issued",
    );
    // The account's hour ends; the limit lifts.
    rig().clock.advance(60 * 60_000);
    try {
      const later = await attempt("192.0.2.78", rig().fixtures.bob.user.password);
      assert.equal(later.status, 200, later.text);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
  });

  test("H3: a reset link works once; the second use changes nothing", async () => {
    const bob = rig().fixtures.bob.user;
    await askReset(rig(), bob.email);
    const link = resetLink(rig());
    const first = await useLink(rig(), link.token, "first new password");
    assert.equal(first.status, 303, first.text);
    const hash = await passwordHash(rig(), bob.id);
    const second = await useLink(rig(), link.token, "second new password");
    assert.equal(second.status, 410);
    assert.equal(await passwordHash(rig(), bob.id), hash, "the password was not set again");
    await setPassword(rig(), "bob");
  });

  test("H3: a reset link used after it expired changes nothing", async () => {
    const bob = rig().fixtures.bob.user;
    await askReset(rig(), bob.email);
    const link = resetLink(rig());
    const hash = await passwordHash(rig(), bob.id);
    rig().clock.advance(6 * 60 * 60_000 + 1);
    try {
      const res = await useLink(rig(), link.token, "too late password");
      assert.equal(res.status, 410);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
    assert.equal(await passwordHash(rig(), bob.id), hash);
  });

  test("H3: a reset link mailed before the password changed no longer works", async () => {
    const bob = rig().fixtures.bob.user;
    // Changed on the settings page by the owner…
    await askReset(rig(), bob.email);
    const before = resetLink(rig());
    const changed = await changePassword(rig().ctx, bob.id, {
      current: bob.password,
      next: "changed on settings",
    });
    assert.equal(changed.type, "ok");
    const hash = await passwordHash(rig(), bob.id);
    assert.equal((await rig().get(before.path)).status, 410);
    assert.equal((await useLink(rig(), before.token, "attacker password")).status, 410);
    assert.equal(await passwordHash(rig(), bob.id), hash);
    // …or reset by an administrator from the command line.
    await askReset(rig(), bob.email);
    const beforeAdmin = resetLink(rig());
    const reset = await modifyUser(rig().ctx, "bob", { resetPassword: true });
    assert.equal(reset.type, "ok");
    const adminHash = await passwordHash(rig(), bob.id);
    assert.equal((await useLink(rig(), beforeAdmin.token, "attacker password")).status, 410);
    assert.equal(await passwordHash(rig(), bob.id), adminHash);
    await setPassword(rig(), "bob");
  });

  test("H4: an email change is confirmed at the new address, the old one told; resets go to the confirmed one", async () => {
    const alice = rig().fixtures.alice.user;
    const jar = new CookieJar();
    assert.equal((await signIn(rig(), jar, alice.email, alice.password)).status, 303);
    const form = await browse(rig(), jar, "/settings/email");
    const mails = mailCount(rig());
    const res = await browse(rig(), jar, "/settings/email", {
      authenticity_token: inputValue(form.text, "authenticity_token"),
      email: "attacker@evil.example",
      current_password: alice.password,
    });
    assert.equal(res.status, 303, res.text);
    const sent = readdirSync(`${rig().dataDir}/mail`)
      .filter((f) => f.endsWith(".eml"))
      .sort((a, b) => Number(a.split("-")[1]) - Number(b.split("-")[1]))
      .slice(mails)
      .map((f) => readMail(`${rig().dataDir}/mail/${f}`));
    assert.deepEqual(sent.map((m) => m.to).sort(), ["alice@hearth.test", "attacker@evil.example"]);
    assert.ok(sent.find((m) => m.to === "attacker@evil.example")?.token, "link to the new address");
    assert.equal(sent.find((m) => m.to === "alice@hearth.test")?.token, "", "notice only");

    // The unconfirmed address is nobody's: a reset asked for it sends nothing…
    const beforeReset = mailCount(rig());
    await askReset(rig(), "attacker@evil.example");
    assert.equal(mailCount(rig()), beforeReset, "no reset mail to the unconfirmed address");
    // …and a reset asked for the account goes to the confirmed address.
    await askReset(rig(), alice.email);
    assert.equal(resetLink(rig()).to, alice.email);
    // The password grant does not take the unconfirmed address either.
    const app = await registerApp(rig(), { client_name: "H4" });
    const grant = await rig().send(
      "POST",
      "/oauth/token",
      {
        grant_type: "password",
        username: "attacker@evil.example",
        password: alice.password,
        client_id: app.client_id,
        client_secret: app.client_secret,
      },
      { ip: nextIp() },
    );
    assert.equal(grant.status, 400);
    assertSchema("Error", grant.body);
  });

  test("M1: closed registrations refuse sign-ups without an invite, or with a used or expired one", async () => {
    await saveSetting(rig().ctx.db, "registrations", "closed", new Date(FIXED_TIME));
    try {
      const signUp = (name: string, extra: Record<string, unknown> = {}) =>
        rig().send(
          "POST",
          "/api/v1/accounts",
          { ...signUpBody(name), ...extra },
          {
            ...bearer(appToken),
            ip: nextIp(),
          },
        );
      const users = async () =>
        Number(
          (
            await rig()
              .ctx.db.selectFrom("users")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const count = await users();
      const used = await createInvite(rig().ctx, {
        userId: rig().fixtures.alice.user.id,
        maxUses: 1,
      });
      assert.equal((await signUp("m1first", { invite_code: used.code })).status, 200);
      const expiring = await createInvite(rig().ctx, {
        userId: rig().fixtures.alice.user.id,
        expiresInMs: 60_000,
      });
      rig().clock.advance(61_000);
      try {
        for (const [label, extra] of [
          ["no invite", {}],
          ["empty invite", { invite_code: "" }],
          ["used invite", { invite_code: used.code }],
          ["expired invite", { invite_code: expiring.code }],
        ] as const) {
          const res = await signUp(`m1${label.replace(/\W/g, "")}`, extra);
          assert.equal(res.status, 403, `${label}: ${res.text}`);
          assertSchema("Error", res.body);
          assert.deepEqual(res.body, { error: "This action is not allowed" });
        }
      } finally {
        rig().clock.set(FIXED_TIME);
      }
      assert.equal(await users(), count + 1, "only the invited sign-up was stored");
    } finally {
      await saveSetting(rig().ctx.db, "registrations", "open", new Date(FIXED_TIME));
    }
  });

  test("M3: an unconfirmed account is refused by the API; its link confirms once and expires", async () => {
    const signUp = await rig().send<{ access_token: string }>(
      "POST",
      "/api/v1/accounts",
      signUpBody("mthree"),
      { ...bearer(appToken), ip: nextIp() },
    );
    assert.equal(signUp.status, 200, signUp.text);
    const token = signUp.body.access_token;
    const me = await rig().get("/api/v1/accounts/verify_credentials", bearer(token));
    assert.equal(me.status, 403);
    assertSchema("Error", me.body);
    assert.deepEqual(me.body, { error: "Your login is missing a confirmed e-mail address" });
    const update = await rig().send(
      "PATCH",
      "/api/v1/accounts/update_credentials",
      { display_name: "x" },
      bearer(token),
    );
    assert.equal(update.status, 403);
    assertSchema("Error", update.body);

    const mail = lastMail(rig());
    assert.equal(mail.to, "mthree@example.org");
    // Two days and a second later the link is refused and the account stays locked out.
    rig().clock.advance(2 * 24 * 60 * 60_000 + 1000);
    try {
      assert.equal((await rig().get(confirmationPath(rig(), mail))).status, 410);
      assert.equal(
        (await rig().get("/api/v1/accounts/verify_credentials", bearer(token))).status,
        403,
      );
    } finally {
      rig().clock.set(FIXED_TIME);
    }
    // A fresh link confirms once; a replayed one cannot confirm a later address change.
    const resent = await rig().send("POST", "/api/v1/emails/confirmations", undefined, {
      ...bearer(token),
      ip: nextIp(),
    });
    assert.equal(resent.status, 200, resent.text);
    const fresh = lastMail(rig());
    assert.equal((await rig().get(confirmationPath(rig(), fresh))).status, 200);
    assert.equal(
      (await rig().get("/api/v1/accounts/verify_credentials", bearer(token))).status,
      200,
    );
    const user = await rig()
      .ctx.db.selectFrom("users")
      .select("id")
      .where("email", "=", "mthree@example.org")
      .executeTakeFirstOrThrow();
    const changed = await changeEmail(rig().ctx, user.id, {
      email: "mthree.other@example.org",
      password: "correct horse battery",
    });
    assert.equal(changed.type, "sent");
    const replay = await rig().get(confirmationPath(rig(), fresh));
    assert.notEqual(replay.status, 200, "a spent link does not confirm a new address");
    const row = await rig()
      .ctx.db.selectFrom("users")
      .select(["email", "unconfirmed_email"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row },
      {
        email: "mthree@example.org",
        unconfirmed_email: "mthree.other@example.org",
      },
    );
  });
});
