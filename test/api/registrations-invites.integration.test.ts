// Invites: a valid code lets someone sign up while registrations are closed and skips approval;
// expired, used-up and unknown codes do not, and a use is only spent by a sign-up that worked.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { createInvite, generateInviteCode } from "../../src/services/registrations/invites.ts";
import { createToken, describeEachDatabase, FIXED_TIME, type Rig } from "../rig/index.ts";
import { bearer, nextIp, signUpBody } from "./registrations-kit.ts";

describeEachDatabase("sign-up with an invite", (rig) => {
  let appToken = "";
  before(async () => {
    appToken = await createToken(rig().ctx, null, "write:accounts");
  });

  const signUp = (body: Record<string, unknown>) =>
    rig().send("POST", "/api/v1/accounts", body, { ...bearer(appToken), ip: nextIp() });
  const invite = (options: { maxUses?: number; expiresInMs?: number } = {}) =>
    createInvite(rig().ctx, { userId: rig().fixtures.alice.user.id, ...options });

  test("closed registrations: a valid invite lets one in, approved, and counts the use", async () => {
    await setMode(rig(), "closed");
    const { code, id } = await invite({ maxUses: 1 });
    const res = await signUp({ ...signUpBody("invited"), invite_code: code });
    assert.equal(res.status, 200, res.text);
    const user = await userRow(rig(), "invited@example.org");
    assert.deepEqual({ ...user }, { approved: true, invite_id: id });
    assert.equal(await usesOf(rig(), id), 1);

    // Its one use is spent: the next person is turned away like anyone without an invite.
    const second = await signUp({ ...signUpBody("latecomer"), invite_code: code });
    assert.equal(second.status, 403);
    assert.deepEqual(second.body, { error: "This action is not allowed" });
  });

  test("expired and unknown invites do not open closed registrations", async () => {
    await setMode(rig(), "closed");
    const expiring = await invite({ expiresInMs: 30 * 60_000 });
    rig().clock.advance(31 * 60_000);
    try {
      const expired = await signUp({ ...signUpBody("tooslow"), invite_code: expiring.code });
      assert.equal(expired.status, 403);
    } finally {
      rig().clock.set(FIXED_TIME);
    }
    const unknown = await signUp({ ...signUpBody("guesser"), invite_code: generateInviteCode() });
    assert.equal(unknown.status, 403);
    const silly = await signUp({ ...signUpBody("silly"), invite_code: "../../x" });
    assert.equal(silly.status, 403);
  });

  test("approval mode: an invite skips the moderator", async () => {
    await setMode(rig(), "approval");
    const { code } = await invite();
    assert.equal((await signUp({ ...signUpBody("vouched"), invite_code: code })).status, 200);
    assert.equal((await userRow(rig(), "vouched@example.org")).approved, true);
    assert.equal((await signUp(signUpBody("unvouched"))).status, 200);
    assert.equal((await userRow(rig(), "unvouched@example.org")).approved, false);
  });

  test("a sign-up that fails validation does not spend a use", async () => {
    await setMode(rig(), "closed");
    const { code, id } = await invite({ maxUses: 1 });
    const bad = await signUp({ ...signUpBody("alice"), invite_code: code });
    assert.equal(bad.status, 422);
    assert.equal(await usesOf(rig(), id), 0);
  });
});

async function setMode(rig: Rig, mode: "open" | "approval" | "closed"): Promise<void> {
  await saveSetting(rig.ctx.db, "registrations", mode, rig.clock.now());
}

async function userRow(rig: Rig, email: string) {
  return rig.ctx.db
    .selectFrom("users")
    .select(["approved", "invite_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
}

async function usesOf(rig: Rig, id: string): Promise<number> {
  const row = await rig.ctx.db
    .selectFrom("invites")
    .select("uses")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.uses);
}
