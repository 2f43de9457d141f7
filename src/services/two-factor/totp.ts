// Two-factor sign-in with TOTP (RFC 6238: 6 digits, 30 s, SHA-1, as every authenticator app
// reads) and ten single-use recovery codes, as Mastodon offers.
//   begin → the user scans the otpauth:// URI → confirm with a first code → enabled, codes shown once
//   sign-in → verifySecondFactor accepts a fresh TOTP code or an unused recovery code
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { AppContext } from "../../context.ts";
import { openSecret, sealSecret } from "../../lib/secret-box.ts";
import { hashToken } from "../../lib/tokens.ts";
import * as repo from "../../repos/two-factor.ts";

const PURPOSE = "totp";
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

function totp(ctx: AppContext, label: string, base32: string): TOTP {
  return new TOTP({
    issuer: ctx.config.domain,
    label,
    secret: Secret.fromBase32(base32),
    digits: 6,
    period: PERIOD,
    algorithm: "SHA1",
  });
}

/** Recovery codes are compared without case, spaces or dashes (people copy them by hand). */
function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

function matchingStep(ctx: AppContext, otp: TOTP, code: string): number | null {
  if (!/^\d{6}$/.test(code.trim())) return null;
  const now = ctx.clock.now().getTime();
  // One step either side, for clocks that drift.
  const delta = otp.validate({ token: code.trim(), timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

export interface TotpSetup {
  secret: string;
  uri: string;
}

/** Starts (or restarts) setup: a new seed the user adds to an authenticator app. */
export async function beginTotpSetup(
  ctx: AppContext,
  userId: string,
  label: string,
): Promise<TotpSetup> {
  const secret = new Secret({ size: 20 }).base32;
  await repo.savePendingSecret(
    ctx.db,
    userId,
    sealSecret(ctx.secrets.secretKeyBase, PURPOSE, secret),
    ctx.clock.now().toISOString(),
  );
  return { secret, uri: totp(ctx, label, secret).toString() };
}

/** The seed of a setup not yet confirmed, or null. */
export async function pendingSecret(ctx: AppContext, userId: string): Promise<string | null> {
  const row = await repo.findTwoFactor(ctx.db, userId);
  return row?.pending_secret
    ? openSecret(ctx.secrets.secretKeyBase, PURPOSE, row.pending_secret)
    : null;
}

/** The otpauth:// URI authenticator apps scan for a seed. */
export function totpUri(ctx: AppContext, label: string, secret: string): string {
  return totp(ctx, label, secret).toString();
}

/** Ten fresh recovery codes (shown once) and what is stored of them. */
export function newRecoveryCodes(ctx: AppContext): {
  recoveryCodes: string[];
  hashes: { id: string; hash: string }[];
} {
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    randomBytes(5).toString("hex"),
  );
  const hashes = recoveryCodes.map((c) => ({
    id: ctx.newId(),
    hash: hashToken(normalizeRecoveryCode(c)),
  }));
  return { recoveryCodes, hashes };
}

export type ConfirmResult =
  | { type: "enabled"; recoveryCodes: string[] }
  | { type: "no-setup" }
  | { type: "wrong-code" };

/** Turns two-factor on when `code` matches the pending seed; returns the recovery codes once. */
export async function confirmTotpSetup(
  ctx: AppContext,
  userId: string,
  label: string,
  code: string,
): Promise<ConfirmResult> {
  const secret = await pendingSecret(ctx, userId);
  if (secret === null) return { type: "no-setup" };
  const step = matchingStep(ctx, totp(ctx, label, secret), code);
  if (step === null) return { type: "wrong-code" };
  const { recoveryCodes, hashes } = newRecoveryCodes(ctx);
  await repo.enableTwoFactor(
    ctx.db,
    userId,
    sealSecret(ctx.secrets.secretKeyBase, PURPOSE, secret),
    step,
    hashes,
    ctx.clock.now().toISOString(),
  );
  return { type: "enabled", recoveryCodes };
}

export async function isTwoFactorEnabled(ctx: AppContext, userId: string): Promise<boolean> {
  const row = await repo.findTwoFactor(ctx.db, userId);
  return row?.enabled_at != null && row.otp_secret !== null;
}

export type SecondFactorResult =
  | { type: "ok"; via: "totp" | "recovery-code" }
  | { type: "rejected" };

/** Checks the second step of a sign-in. A TOTP code is accepted once; a recovery code once ever. */
export async function verifySecondFactor(
  ctx: AppContext,
  userId: string,
  code: string,
): Promise<SecondFactorResult> {
  const row = await repo.findTwoFactor(ctx.db, userId);
  if (row?.otp_secret == null || row.enabled_at === null) return { type: "rejected" };
  const now = ctx.clock.now().toISOString();
  const secret = openSecret(ctx.secrets.secretKeyBase, PURPOSE, row.otp_secret);
  if (secret !== null) {
    const step = matchingStep(ctx, totp(ctx, "sign-in", secret), code);
    if (step !== null)
      return (await repo.useTotpStep(ctx.db, userId, step, now))
        ? { type: "ok", via: "totp" }
        : { type: "rejected" };
  }
  const normalized = normalizeRecoveryCode(code);
  if (
    /^[0-9a-f]{10}$/.test(normalized) &&
    (await repo.useRecoveryCode(ctx.db, userId, hashToken(normalized), now))
  ) {
    return { type: "ok", via: "recovery-code" };
  }
  return { type: "rejected" };
}

export async function disableTotp(ctx: AppContext, userId: string): Promise<void> {
  await repo.disableTwoFactor(ctx.db, userId);
}
