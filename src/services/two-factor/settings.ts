import type { AppContext } from "../../context.ts";
import { findUserAccount } from "../../repos/oauth.ts";
import {
  countUnusedRecoveryCodes,
  findTwoFactor,
  replaceRecoveryCodes,
} from "../../repos/two-factor.ts";
import { checkCurrentPassword } from "../accounts/lifecycle.ts";
import {
  disableTotp,
  newRecoveryCodes,
  pendingSecret,
  type TotpSetup,
  totpUri,
  verifySecondFactor,
} from "./totp.ts";

export type TwoFactorState =
  | { type: "enabled"; unusedRecoveryCodes: number }
  | { type: "pending"; setup: TotpSetup }
  | { type: "off" };

/** The label in authenticator apps: the username (the issuer, our domain, is added by otpauth). */
export async function totpLabel(ctx: AppContext, userId: string): Promise<string> {
  return (await findUserAccount(ctx.db, userId))?.username ?? "account";
}

export async function twoFactorState(ctx: AppContext, userId: string): Promise<TwoFactorState> {
  const row = await findTwoFactor(ctx.db, userId);
  if (row?.enabled_at != null && row.otp_secret !== null) {
    return { type: "enabled", unusedRecoveryCodes: await countUnusedRecoveryCodes(ctx.db, userId) };
  }
  const secret = await pendingSecret(ctx, userId);
  if (secret === null) return { type: "off" };
  const uri = totpUri(ctx, await totpLabel(ctx, userId), secret);
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
 * Ten new recovery codes in place of all the old ones, returned once (made as totp.ts makes
 * them at setup).
 */
export async function regenerateRecoveryCodes(
  ctx: AppContext,
  userId: string,
  password: string,
  code: string,
): Promise<{ type: "ok"; recoveryCodes: string[] } | { type: "rejected" }> {
  if (!(await confirmed(ctx, userId, password, code))) return { type: "rejected" };
  const { recoveryCodes, hashes } = newRecoveryCodes(ctx);
  await replaceRecoveryCodes(ctx.db, userId, hashes, ctx.clock.now().toISOString());
  return { type: "ok", recoveryCodes };
}
