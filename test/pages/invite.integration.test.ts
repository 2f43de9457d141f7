// Invite links on the web: /invite/:code carries the code in the sign-up form; a valid one
// opens closed registrations and skips approval; unknown, expired and used-up codes say so and
// leave the normal behaviour of the mode.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createInvite, generateInviteCode } from "../../src/services/registrations/invites.ts";
import { describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import {
  browse,
  CookieJar,
  inputValue,
  setMode,
  signUpFields,
  signUpOnPage,
  userByEmail,
} from "./sign-up-kit.ts";

describeEachDatabase("invite links", (rig) => {
  const invite = (options: { maxUses?: number; expiresInMs?: number } = {}) =>
    createInvite(rig().ctx, { userId: rig().fixtures.alice.user.id, ...options });
  const usesOf = async (id: string) =>
    (
      await rig()
        .ctx.db.selectFrom("invites")
        .select("uses")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).uses;

  test("closed registrations: a valid invite shows the form and lets one in, approved", async () => {
    await setMode(rig(), "closed");
    const { code, id } = await invite({ maxUses: 1 });
    const page = await rig().get(`/invite/${code}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`name="invite_code" value="${code}"`));
    assert.match(page.text, /You have been invited/);
    const res = await signUpOnPage(rig(), signUpFields("guest"), { path: `/invite/${code}` });
    assert.equal(res.status, 303, res.text);
    const user = await userByEmail(rig(), "guest@example.org");
    assert.equal(user?.approved, true);
    assert.equal(user?.invite_id, id);
    assert.equal(Number(await usesOf(id)), 1);

    // Used up: the link says so, and closed registrations offer nothing.
    const spent = await rig().get(`/invite/${code}`);
    assert.equal(spent.status, 410);
    assert.match(spent.text, /used as many times as it allows/);
    assert.match(spent.text, /not accepting new accounts/);
    assert.doesNotMatch(spent.text, /<form/);
  });

  test("a form posted after its invite ran out is refused and stores nothing", async () => {
    await setMode(rig(), "closed");
    const { code } = await invite({ maxUses: 1 });
    // The second person loads the form before the last use goes.
    const jar = new CookieJar();
    const form = await browse(rig(), jar, `/invite/${code}`);
    const first = await signUpOnPage(rig(), signUpFields("first"), { path: `/invite/${code}` });
    assert.equal(first.status, 303);
    const res = await browse(rig(), jar, "/auth/sign_up", {
      ...signUpFields("second"),
      invite_code: code,
      authenticity_token: inputValue(form.text, "authenticity_token"),
    });
    assert.equal(res.status, 403);
    assert.match(res.text, /invite link is not valid any more/);
    assert.equal(await userByEmail(rig(), "second@example.org"), undefined);
  });

  test("approval mode: an invite skips the reason and the moderator", async () => {
    await setMode(rig(), "approval");
    const { code } = await invite();
    const page = await rig().get(`/invite/${code}`);
    assert.doesNotMatch(page.text, /name="reason"/);
    const res = await signUpOnPage(rig(), signUpFields("vouched"), { path: `/invite/${code}` });
    assert.equal(res.status, 303);
    assert.equal((await userByEmail(rig(), "vouched@example.org"))?.approved, true);
  });

  test("unknown and expired codes: a clear page, then the mode's normal behaviour", async () => {
    await setMode(rig(), "open");
    const unknown = await rig().get(`/invite/${generateInviteCode()}`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /This invite link is not valid/);
    assert.match(unknown.text, /<form method="post" action="\/auth\/sign_up">/, "open: the form");
    assert.doesNotMatch(unknown.text, /name="invite_code"/);

    await setMode(rig(), "closed");
    const expiring = await invite({ expiresInMs: 60_000 });
    rig().clock.advance(2 * 60_000);
    try {
      const expired = await rig().get(`/invite/${expiring.code}`);
      assert.equal(expired.status, 410);
      assert.match(expired.text, /This invite link has expired/);
      assert.doesNotMatch(expired.text, /<form/);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
    const silly = await rig().get("/invite/..%2F..%2Fetc");
    assert.equal(silly.status, 404);
  });
});
