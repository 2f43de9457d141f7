// GET/POST /auth/sign_in/two_factor: the second step of signing in to an account with
// two-factor on. The password step left a signed pending-login cookie (services/two-factor/
// pending-login.ts); here a TOTP code or a recovery code turns it into a session. Codes count
// toward the same login throttle as passwords, and every failure gets the same message.
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clientIp, isLoopbackAddress, rateLimitBucket } from "../../api/client-ip.ts";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { countLoginAttempt } from "../../services/sessions/login-throttle.ts";
import {
  completePendingLogin,
  issuePendingLogin,
  openPendingLogin,
  PENDING_LOGIN_LIFETIME_MS,
} from "../../services/two-factor/pending-login.ts";
import { csrfFailure, csrfField, csrfOk, formToken, page, safeReturnPath, signIn } from "./web.ts";

type C = Context<Env>;

export const PENDING_LOGIN_COOKIE = "_hearth_pending_login";
export const TWO_FACTOR_PATH = "/auth/sign_in/two_factor";

const MESSAGES = {
  invalid: "Invalid two-factor code or recovery code.",
  throttled: "Too many sign-in attempts. Wait a while and try again.",
} as const;

function cookieOptions(c: C, maxAgeSeconds?: number) {
  return {
    path: "/auth/sign_in",
    httpOnly: true,
    secure: c.var.ctx.config.https,
    sameSite: "Lax" as const,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The rate-limit bucket of the client, or null when it is exempt (loopback), as sign-in.ts. */
export function throttleKey(c: C): string | null {
  const ip = clientIp(c);
  if (ip !== null && isLoopbackAddress(ip)) return null;
  return ip === null ? "unknown" : rateLimitBucket(ip);
}

/** Called by the password step: remember the half-done sign-in and ask for the code. */
export function startTwoFactorStep(
  c: C,
  user: { id: string; password_hash: string | null },
  returnTo: string | null,
) {
  const token = issuePendingLogin(c.var.ctx, user);
  setCookie(c, PENDING_LOGIN_COOKIE, token, cookieOptions(c, PENDING_LOGIN_LIFETIME_MS / 1000));
  const query = returnTo === null ? "" : `?${new URLSearchParams({ return_to: returnTo })}`;
  return c.redirect(`${TWO_FACTOR_PATH}${query}`, 303);
}

function clearPending(c: C) {
  if (getCookie(c, PENDING_LOGIN_COOKIE) !== undefined)
    deleteCookie(c, PENDING_LOGIN_COOKIE, cookieOptions(c));
}

function toSignIn(c: C, returnTo: string | null) {
  const query = returnTo === null ? "" : `?${new URLSearchParams({ return_to: returnTo })}`;
  return c.redirect(`/auth/sign_in${query}`, 303);
}

async function codePage(
  c: C,
  returnTo: string | null,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  return page(
    c,
    "Two-factor authentication",
    html`${error === undefined ? "" : html`<p role="alert" class="error">${error}</p>`}
      <p>Enter the code from your authenticator app, or one of your recovery codes.</p>
      <form method="post" action="${TWO_FACTOR_PATH}">
        ${csrfField(token)}
        ${returnTo === null ? "" : html`<input type="hidden" name="return_to" value="${returnTo}" />`}
        <label for="code">Code</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required autofocus />
        <button type="submit">Sign in</button>
      </form>
      <p><a href="/auth/sign_in">Start over</a></p>`,
    status,
  );
}

export const twoFactorSignInRoutes = new Hono<Env>()
  .get(TWO_FACTOR_PATH, async (c) => {
    const returnTo = safeReturnPath(c.req.query("return_to"));
    const user = await openPendingLogin(c.var.ctx, getCookie(c, PENDING_LOGIN_COOKIE));
    if (user === null) {
      clearPending(c);
      return toSignIn(c, returnTo);
    }
    return codePage(c, returnTo);
  })
  .post(TWO_FACTOR_PATH, async (c) => {
    const params = await readParams(c);
    const returnTo = safeReturnPath(params.return_to);
    const code = typeof params.code === "string" ? params.code : "";
    const user = await openPendingLogin(c.var.ctx, getCookie(c, PENDING_LOGIN_COOKIE));
    if (user === null) {
      clearPending(c);
      return toSignIn(c, returnTo);
    }
    // Counted before anything is checked, as the password step does.
    if (!(await countLoginAttempt(c.var.ctx, throttleKey(c), user.email))) {
      return codePage(c, returnTo, MESSAGES.throttled, 429);
    }
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    if (!(await completePendingLogin(c.var.ctx, user, code))) {
      return codePage(c, returnTo, MESSAGES.invalid, 401);
    }
    clearPending(c);
    await signIn(c, user.id);
    return c.redirect(returnTo ?? "/", 303);
  });
