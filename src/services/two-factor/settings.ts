// What the two-factor settings page needs beyond totp.ts: the state to show (including a setup
// begun but not confirmed, so a wrong first code shows the same secret again rather than a new
// one the person would have to scan again), turning it off, and new recovery codes. Both of
// the last need the password and a code: a stolen session alone must not weaken the account.
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { AppContext } from "../../context.ts";
import { openSecret } from "../../lib/secret-box.ts";
import { hashToken } from "../../lib/tokens.ts";
import {
  countUnusedRecoveryCodes,
  findTwoFactor,
  replaceRecoveryCodes,
} from "../../repos/two-factor.ts";
import { checkCurrentPassword } from "../accounts/lifecycle.ts";
import { disableTotp, RECOVERY_CODE_COUNT, type TotpSetup, verifySecondFactor } from "./totp.ts";

export type TwoFactorState =
  | { type: "enabled"; unusedRecoveryCodes: number }
  | { type: "pending"; setup: TotpSetup }
  | { type: "off" };

/** The label in authenticator apps: the username (the issuer, our domain, is added by otpauth). */
export async function totpLabel(ctx: AppContext, userId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .select("accounts.username")
    .where("users.id", "=", userId)
    .executeTakeFirst();
  return row?.username ?? "account";
}

export async function twoFactorState(ctx: AppContext, userId: string): Promise<TwoFactorState> {
  const row = await findTwoFactor(ctx.db, userId);
  if (row?.enabled_at != null && row.otp_secret !== null) {
    return { type: "enabled", unusedRecoveryCodes: await countUnusedRecoveryCodes(ctx.db, userId) };
  }
  // "totp" is the purpose totp.ts seals seeds under.
  const secret = row?.pending_secret
    ? openSecret(ctx.secrets.secretKeyBase, "totp", row.pending_secret)
    : null;
  if (secret === null) return { type: "off" };
  // The same parameters as totp.ts, which reads codes with them.
  const uri = new TOTP({
    issuer: ctx.config.domain,
    label: await totpLabel(ctx, userId),
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: "SHA1",
  }).toString();
  return { type: "pending", setup: { secret, uri } };
}

async function confirmed(ctx: AppContext, userId: string, password: string, code: string) {
  if (!(await checkCurrentPassword(ctx, userId, password))) return false;
  return (await verifySecondFactor(ctx, userId, code.slice(0, 64))).type === "ok";
}

/** Turns two-factor off, but only with the current password and a valid code (or recovery code). */
export async function disableWithConfirmation(
  ctx: AppContext,
  userId: string,
  password: string,
  code: string,
): Promise<"ok" | "rejected"> {
  if (!(await confirmed(ctx, userId, password, code))) return "rejected";
  await disableTotp(ctx, userId);
  return "ok";
}

/**
 * Ten new recovery codes in place of all the old ones, returned once. The codes have the form
 * totp.ts gives them (ten hex digits, stored as the SHA-256 of that normalized form).
 */
export async function regenerateRecoveryCodes(
  ctx: AppContext,
  userId: string,
  password: string,
  code: string,
): Promise<{ type: "ok"; recoveryCodes: string[] } | { type: "rejected" }> {
  if (!(await confirmed(ctx, userId, password, code))) return { type: "rejected" };
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    randomBytes(5).toString("hex"),
  );
  await replaceRecoveryCodes(
    ctx.db,
    userId,
    recoveryCodes.map((c) => ({ id: ctx.newId(), hash: hashToken(c) })),
    ctx.clock.now().toISOString(),
  );
  return { type: "ok", recoveryCodes };
}
