// Following the reset link (POST /auth/password/edit): a new password replaces the old one,
// the link is spent, and every sign-in of the account ends (OAuth tokens and browser
// sessions), since whoever knew the old password may be signed in somewhere.
import type { AppContext } from "../../context.ts";
import { hashPassword } from "../../lib/password.ts";
import { hashToken } from "../../lib/tokens.ts";
import { revokeUserTokens } from "../../repos/oauth.ts";
import {
  findPasswordReset,
  type PasswordResetRow,
  setPasswordHash,
  usePasswordReset,
} from "../../repos/password-resets.ts";
import { revokeUserWebSessions } from "../../repos/web-sessions.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../accounts/create-local-account.ts";
import { endTokenStreams, liveTokenIds } from "../streaming/end-streams.ts";
import { RESET_WITHIN_MS } from "./request-reset.ts";

export type ResetLinkState = "valid" | "invalid" | "expired" | "used";

export type ResetResult =
  | { type: "ok"; userId: string }
  | { type: "link"; state: Exclude<ResetLinkState, "valid"> }
  | { type: "invalid"; errors: { password?: string; password_confirmation?: string } };

async function lookUp(
  ctx: AppContext,
  token: string,
): Promise<{ state: ResetLinkState; row?: PasswordResetRow }> {
  // Tokens are 43 characters; anything far off is not looked up.
  if (token === "" || token.length > 200) return { state: "invalid" };
  const row = await findPasswordReset(ctx.db, hashToken(token));
  if (row === undefined) return { state: "invalid" };
  if (row.used_at !== null) return { state: "used", row };
  if (ctx.clock.now().getTime() - Date.parse(row.created_at) > RESET_WITHIN_MS)
    return { state: "expired", row };
  return { state: "valid", row };
}

/** Whether the link can still be used (the form is shown only then). */
export async function resetLinkState(ctx: AppContext, token: string): Promise<ResetLinkState> {
  return (await lookUp(ctx, token)).state;
}

export async function resetPassword(
  ctx: AppContext,
  input: { token: string; password: string; confirmation: string },
): Promise<ResetResult> {
  const { state, row } = await lookUp(ctx, input.token);
  if (state !== "valid" || row === undefined)
    return { type: "link", state: state === "valid" ? "invalid" : state };
  const length = [...input.password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return {
      type: "invalid",
      errors: { password: `is too short (minimum is ${PASSWORD_MIN_LENGTH} characters)` },
    };
  if (length > PASSWORD_MAX_LENGTH)
    return {
      type: "invalid",
      errors: { password: `is too long (maximum is ${PASSWORD_MAX_LENGTH} characters)` },
    };
  if (input.password !== input.confirmation)
    return { type: "invalid", errors: { password_confirmation: "doesn't match Password" } };

  // Hashed before the transaction: it takes a while and needs no database.
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now().toISOString();
  // The revoked tokens' open streams close too (ids read before, ended after the commit).
  const streams = await liveTokenIds(ctx, row.user_id);
  const won = await ctx.db.transaction().execute(async (trx) => {
    // The link is spent first: of two racing requests only one sets a password.
    if (!(await usePasswordReset(trx, row.id, now))) return false;
    await setPasswordHash(trx, row.user_id, hash, now);
    await revokeUserTokens(trx, row.user_id, now);
    await revokeUserWebSessions(trx, row.user_id, now);
    return true;
  });
  if (won) await endTokenStreams(ctx, streams);
  return won ? { type: "ok", userId: row.user_id } : { type: "link", state: "used" };
}
