// Two-factor sign-in: setup, codes that work once, recovery codes, and what an attacker tries
// (replays, old codes, guessed recovery codes, a tampered seed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Secret, TOTP } from "otpauth";
import { openSecret, sealSecret } from "../../src/lib/secret-box.ts";
import {
  beginTotpSetup,
  confirmTotpSetup,
  disableTotp,
  isTwoFactorEnabled,
  RECOVERY_CODE_COUNT,
  verifySecondFactor,
} from "../../src/services/two-factor/totp.ts";
import { describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

const codeAt = (secret: string, time: Date) =>
  new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: "SHA1",
  }).generate({ timestamp: time.getTime() });

test("sealed secrets open only with the same key and purpose, and not after tampering", () => {
  const sealed = sealSecret("k".repeat(128), "totp", "JBSWY3DPEHPK3PXP");
  assert.equal(openSecret("k".repeat(128), "totp", sealed), "JBSWY3DPEHPK3PXP");
  assert.equal(openSecret("j".repeat(128), "totp", sealed), null);
  assert.equal(openSecret("k".repeat(128), "other", sealed), null);
  const parts = sealed.split(".");
  const body = parts[2] ?? "";
  parts[2] = `${body.startsWith("A") ? "B" : "A"}${body.slice(1)}`;
  assert.equal(openSecret("k".repeat(128), "totp", parts.join(".")), null);
  assert.equal(openSecret("k".repeat(128), "totp", "garbage"), null);
});

describeEachDatabase("two-factor sign-in", (rig) => {
  const alice = () => rig().fixtures.alice.user.id;

  test("setup needs a correct first code, then gives ten recovery codes once", async () => {
    const ctx = rig().ctx;
    assert.equal((await confirmTotpSetup(ctx, alice(), "alice", "123456")).type, "no-setup");
    const setup = await beginTotpSetup(ctx, alice(), "alice");
    assert.match(setup.uri, /^otpauth:\/\/totp\/hearth\.test:alice\?.*secret=/);
    assert.equal(await isTwoFactorEnabled(ctx, alice()), false);
    const now = ctx.clock.now();
    const wrong = codeAt(setup.secret, new Date(now.getTime() + 10 * 60_000));
    assert.equal((await confirmTotpSetup(ctx, alice(), "alice", wrong)).type, "wrong-code");
    const result = await confirmTotpSetup(ctx, alice(), "alice", codeAt(setup.secret, now));
    assert.equal(result.type, "enabled");
    assert.equal(result.type === "enabled" && result.recoveryCodes.length, RECOVERY_CODE_COUNT);
    assert.equal(await isTwoFactorEnabled(ctx, alice()), true);
    // Nothing readable is stored: the seed is sealed and the codes hashed.
    const row = await ctx.db
      .selectFrom("user_two_factor")
      .selectAll()
      .where("user_id", "=", alice())
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(row.otp_secret ?? "", new RegExp(setup.secret));
    const stored = await ctx.db
      .selectFrom("user_recovery_codes")
      .select("code_hash")
      .where("user_id", "=", alice())
      .execute();
    if (result.type === "enabled")
      for (const code of result.recoveryCodes) assert.ok(!stored.some((s) => s.code_hash === code));
  });

  test("a code works once, a neighbouring step is tolerated, old and future codes are not", async () => {
    const ctx = rig().ctx;
    const setup = await beginTotpSetup(ctx, alice(), "alice");
    await confirmTotpSetup(ctx, alice(), "alice", codeAt(setup.secret, ctx.clock.now()));
    // The confirming code was used: it cannot sign in.
    assert.equal(
      (await verifySecondFactor(ctx, alice(), codeAt(setup.secret, ctx.clock.now()))).type,
      "rejected",
    );
    rig().clock.advance(30_000);
    try {
      const now = ctx.clock.now();
      assert.deepEqual(await verifySecondFactor(ctx, alice(), codeAt(setup.secret, now)), {
        type: "ok",
        via: "totp",
      });
      assert.equal(
        (await verifySecondFactor(ctx, alice(), codeAt(setup.secret, now))).type,
        "rejected",
        "replay",
      );
      rig().clock.advance(30_000);
      const later = ctx.clock.now();
      assert.equal(
        (
          await verifySecondFactor(
            ctx,
            alice(),
            codeAt(setup.secret, new Date(later.getTime() - 5 * 60_000)),
          )
        ).type,
        "rejected",
        "old",
      );
      assert.equal(
        (
          await verifySecondFactor(
            ctx,
            alice(),
            codeAt(setup.secret, new Date(later.getTime() + 5 * 60_000)),
          )
        ).type,
        "rejected",
        "future",
      );
      assert.equal(
        (
          await verifySecondFactor(
            ctx,
            alice(),
            codeAt(setup.secret, new Date(later.getTime() + 30_000)),
          )
        ).type,
        "ok",
        "next step",
      );
      for (const junk of ["", "12345", "1234567", "abcdef", "000000"]) {
        assert.equal((await verifySecondFactor(ctx, alice(), junk)).type, "rejected", junk);
      }
    } finally {
      rig().clock.set(FIXED_TIME);
    }
  });

  test("each recovery code works once, whatever its case or dashes", async () => {
    const ctx = rig().ctx;
    const setup = await beginTotpSetup(ctx, alice(), "alice");
    const result = await confirmTotpSetup(
      ctx,
      alice(),
      "alice",
      codeAt(setup.secret, new Date(ctx.clock.now().getTime() - 30_000)),
    );
    assert.equal(result.type, "enabled");
    if (result.type !== "enabled") return;
    const [first = "", second = ""] = result.recoveryCodes;
    assert.deepEqual(await verifySecondFactor(ctx, alice(), first), {
      type: "ok",
      via: "recovery-code",
    });
    assert.equal((await verifySecondFactor(ctx, alice(), first)).type, "rejected");
    const typed = `${second.slice(0, 5).toUpperCase()}-${second.slice(5)}`;
    assert.deepEqual(await verifySecondFactor(ctx, alice(), typed), {
      type: "ok",
      via: "recovery-code",
    });
    assert.equal((await verifySecondFactor(ctx, alice(), "0123456789")).type, "rejected");
  });

  test("disabling removes the seed and the codes; users without two-factor are rejected", async () => {
    const ctx = rig().ctx;
    await disableTotp(ctx, alice());
    assert.equal(await isTwoFactorEnabled(ctx, alice()), false);
    assert.equal((await verifySecondFactor(ctx, alice(), "123456")).type, "rejected");
    assert.equal(
      (
        await ctx.db
          .selectFrom("user_recovery_codes")
          .selectAll()
          .where("user_id", "=", alice())
          .execute()
      ).length,
      0,
    );
    assert.equal(
      (await verifySecondFactor(ctx, rig().fixtures.bob.user.id, "123456")).type,
      "rejected",
    );
  });
});
