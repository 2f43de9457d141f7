// The browser side of sign-in, shared by the auth and OAuth pages: the session cookie, CSRF
// tokens for every form, and the page layout with its strict Content-Security-Policy.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clientIp } from "../../api/client-ip.ts";
import type { Env } from "../../api/env.ts";
import type { Params } from "../../api/params.ts";
import { randomToken } from "../../lib/tokens.ts";
import type { WebSessionRow } from "../../repos/web-sessions.ts";
import { csrfToken, csrfValid } from "../../services/sessions/csrf.ts";
import {
  endWebSession,
  findWebSession,
  SESSION_LIFETIME_MS,
  startWebSession,
} from "../../services/sessions/web-session.ts";
import { PAGE_CSP } from "../index.ts";

export const SESSION_COOKIE = "_hearth_session";
export const CSRF_COOKIE = "_hearth_csrf";
/** The form field carrying the CSRF token (Rails' name, which browser tools recognise). */
export const CSRF_FIELD = "authenticity_token";

type C = Context<Env>;

function cookieOptions(c: C, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    secure: c.var.ctx.config.https,
    sameSite: "Lax" as const,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

function clientInfo(c: C) {
  return { ip: clientIp(c), userAgent: c.req.header("user-agent") ?? null };
}

const sessions = new WeakMap<Request, Promise<WebSessionRow | null>>();

/** The signed-in session of this request, looked up once. */
export function currentSession(c: C): Promise<WebSessionRow | null> {
  let pending = sessions.get(c.req.raw);
  if (pending === undefined) {
    const token = getCookie(c, SESSION_COOKIE);
    pending = token ? findWebSession(c.var.ctx, token, clientInfo(c)) : Promise.resolve(null);
    sessions.set(c.req.raw, pending);
  }
  return pending;
}

export async function signIn(c: C, userId: string): Promise<void> {
  // A session this browser already had is ended: no session outlives a new sign-in.
  const previous = await currentSession(c);
  if (previous !== null) await endWebSession(c.var.ctx, previous.id);
  const { token, session } = await startWebSession(c.var.ctx, userId, clientInfo(c));
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SESSION_LIFETIME_MS / 1000));
  sessions.set(c.req.raw, Promise.resolve(session));
}

export async function signOut(c: C): Promise<void> {
  const session = await currentSession(c);
  if (session !== null) await endWebSession(c.var.ctx, session.id);
  if (getCookie(c, SESSION_COOKIE) !== undefined) deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
  sessions.set(c.req.raw, Promise.resolve(null));
}

/** The CSRF token for forms on this page; sets the seed cookie on first use. */
export async function formToken(c: C): Promise<string> {
  let seed = getCookie(c, CSRF_COOKIE);
  if (!seed) {
    seed = randomToken();
    setCookie(c, CSRF_COOKIE, seed, cookieOptions(c));
  }
  const session = await currentSession(c);
  return csrfToken(c.var.ctx.secrets.secretKeyBase, seed, session?.id ?? null);
}

/** True when the request carries the right CSRF token (form field or X-CSRF-Token header). */
export async function csrfOk(c: C, params: Params): Promise<boolean> {
  const field = params[CSRF_FIELD];
  const presented = typeof field === "string" ? field : c.req.header("x-csrf-token");
  const session = await currentSession(c);
  return csrfValid(
    c.var.ctx.secrets.secretKeyBase,
    getCookie(c, CSRF_COOKIE),
    session?.id ?? null,
    presented,
  );
}

export function csrfField(token: string) {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

/** Only a path on this server may be a return address (no `//host` or `/\host` tricks). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/")) return null;
  // Parse as the browser will: `/\evil.example` and `//evil.example` leave this origin.
  const probe = "http://hearth.invalid";
  let url: URL;
  try {
    url = new URL(value, probe);
  } catch {
    return null;
  }
  return url.origin === probe ? `${url.pathname}${url.search}` : null;
}

/**
 * A complete HTML page. Sign-in pages are never cached and never framed. `formTarget` is one
 * more place a form may lead: Chromium applies `form-action` to the redirect that follows a
 * POST, so the consent page must allow the app's redirect URI.
 */
export function page(
  c: C,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
  formTarget?: string,
) {
  const csp =
    formTarget === undefined
      ? PAGE_CSP
      : PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${formTarget}`);
  c.header("Content-Security-Policy", csp);
  c.header("Cache-Control", "no-store");
  return c.html(
    html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title} · ${c.var.ctx.config.domain}</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }
      label { display: block; margin-top: 1rem; font-weight: 600 }
      input[type=email], input[type=password], input[type=text] { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box }
      button { margin-top: 1rem; padding: .5rem 1rem; font-size: 1rem }
      .error { color: #a00; border: 1px solid #a00; padding: .5rem }
      code { font-size: 1.2rem; word-break: break-all }
    </style>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>`,
    status,
  );
}

/** The answer to a form posted without a valid CSRF token: nothing was done. */
export function csrfFailure(c: C) {
  return page(
    c,
    "Request refused",
    html`<p role="alert" class="error">This form has expired or did not come from this site. Go back, reload the page and try again.</p>`,
    403,
  );
}
