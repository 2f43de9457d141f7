// The step between password and code in a two-factor sign-in. The password was right, but no
// session exists yet: the browser holds a short-lived token saying so, signed with
// secretKeyBase. The signature covers the stored password hash, so a password change (or a
// reset) voids every pending login at once, and nothing needs storing or cleaning up.
import { createHmac } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { safeEqual } from "../../lib/tokens.ts";
import { findUserById } from "../../repos/users.ts";
import { verifySecondFactor } from "./totp.ts";

export const PENDING_LOGIN_LIFETIME_MS = 10 * 60 * 1000;

interface PendingUser {
  id: string;
  email: string;
  password_hash: string | null;
  disabled: boolean;
}

function findUser(ctx: AppContext, userId: string): Promise<PendingUser | undefined> {
  if (!/^\d{1,20}$/.test(userId)) return Promise.resolve(undefined);
  return findUserById(ctx.db, userId);
}

function sign(ctx: AppContext, payload: string, passwordHash: string): string {
  return createHmac("sha256", ctx.secrets.secretKeyBase)
    .update(`pending-login\0${payload}\0${passwordHash}`)
    .digest("base64url");
}

/** A token for the cookie that lets this browser finish signing in as `user`. */
export function issuePendingLogin(
  ctx: AppContext,
  user: { id: string; password_hash: string | null },
): string {
  const expires = ctx.clock.now().getTime() + PENDING_LOGIN_LIFETIME_MS;
  const payload = `${user.id}.${expires}`;
  return `${payload}.${sign(ctx, payload, user.password_hash ?? "")}`;
}

/** The user a pending-login token stands for, or null when it is expired, altered or void. */
export async function openPendingLogin(
  ctx: AppContext,
  token: string | undefined,
): Promise<PendingUser | null> {
  const [userId, expires, mac, ...rest] = (token ?? "").split(".");
  if (userId === undefined || expires === undefined || mac === undefined || rest.length > 0)
    return null;
  if (!/^\d+$/.test(expires) || Number(expires) <= ctx.clock.now().getTime()) return null;
  const user = await findUser(ctx, userId);
  if (user === undefined || user.password_hash === null || user.disabled) return null;
  return safeEqual(sign(ctx, `${userId}.${expires}`, user.password_hash), mac) ? user : null;
}

/** The second step: true when `code` (a TOTP code or an unused recovery code) is accepted. */
export async function completePendingLogin(
  ctx: AppContext,
  user: PendingUser,
  code: string,
): Promise<boolean> {
  const result = await verifySecondFactor(ctx, user.id, code.slice(0, 64));
  return result.type === "ok";
}
