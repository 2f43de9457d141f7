// Checks an email and password. Whether the account exists must not show, in the answer or in
// the time it takes: an unknown email is verified against a dummy hash of the same cost.
import type { AppContext } from "../../context.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { findTwoFactor } from "../../repos/two-factor.ts";
import { findUserByEmail, type UserRow } from "../../repos/users.ts";

/** Longer passwords are refused outright (Mastodon's limit is 72 bytes; ours is roomier). */
const MAX_PASSWORD_LENGTH = 1024;

let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("hearth dummy password, never matches a real one");
  return dummyHash;
}

export type CredentialCheck =
  | { ok: true; user: UserRow }
  /** Unknown email and wrong password are one case: callers cannot tell them apart. */
  | { ok: false; reason: "invalid" }
  /** Right password, but a moderator disabled the login. */
  | { ok: false; reason: "disabled" }
  /** Right password, but a second factor is needed (two-factor sign-in). */
  | { ok: false; reason: "second_factor"; user: UserRow };

/**
 * True when the user turned on two-factor sign-in: a password alone must then not sign in.
 * @NOTE The web sign-in then asks for the code in a second step (pages/auth/two-factor-sign-in); the
 * password grant has no place for a code and always refuses these accounts.
 */
export async function secondFactorRequired(ctx: AppContext, user: UserRow): Promise<boolean> {
  const twoFactor = await findTwoFactor(ctx.db, user.id);
  return twoFactor !== undefined && twoFactor.enabled_at !== null;
}

export async function checkCredentials(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<CredentialCheck> {
  // Awaited first on every call, so the one-time cost of making it falls on known and
  // unknown emails alike.
  const fallback = await dummy();
  const user = email === "" ? undefined : await findUserByEmail(ctx.db, email.trim());
  const stored = user?.password_hash ?? null;
  // A password longer than any we accept is wrong, but costs the same scrypt run to say so.
  const tooLong = password.length > MAX_PASSWORD_LENGTH;
  // Always one scrypt run, whether or not there is a user or a password to compare with.
  const matches = await verifyPassword(tooLong ? "" : password, stored ?? fallback);
  if (user === undefined || stored === null || !matches || tooLong) {
    return { ok: false, reason: "invalid" };
  }
  if (user.disabled) return { ok: false, reason: "disabled" };
  if (await secondFactorRequired(ctx, user)) return { ok: false, reason: "second_factor", user };
  return { ok: true, user };
}
