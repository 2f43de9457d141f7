// Password reset on the web, as Mastodon's Devise pages: GET/POST /auth/password/new asks for
// an email address and always gives the same answer; GET/POST /auth/password/edit is the link
// in the mail, where a new password is chosen. After a reset every sign-in of the account ends
// and the person is sent to the sign-in page.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { type Params, readParams } from "../../api/params.ts";
import { requestPasswordReset } from "../../services/password-reset/request-reset.ts";
import {
  type ResetLinkState,
  resetLinkState,
  resetPassword,
} from "../../services/password-reset/reset-password.ts";
import {
  countAttempt,
  PASSWORD_RESET_EMAIL_THROTTLE,
  PASSWORD_RESET_IP_THROTTLE,
} from "../../services/registrations/throttles.ts";
import { throttleKey } from "./sign-up.ts";
import { csrfFailure, csrfField, csrfOk, formToken, page, signOut } from "./web.ts";

type C = Context<Env>;

const text = (params: Params, name: string): string => {
  const value = params[name];
  return typeof value === "string" ? value : "";
};

// Devise's paranoid wording: nothing here tells whether the address has an account.
const SENT =
  "If an account uses this email address, we have sent it a link to choose a new password. It arrives within a few minutes; check your spam folder too.";

const LINK_PROBLEMS: Record<Exclude<ResetLinkState, "valid">, [ContentfulStatusCode, string]> = {
  invalid: [404, "This password reset link is not valid. Use the link in the most recent mail."],
  expired: [410, "This password reset link has expired: links work for six hours."],
  used: [410, "This password reset link has already been used, or a newer one replaced it."],
};

async function requestPage(c: C, notice?: string, status: ContentfulStatusCode = 200) {
  const token = await formToken(c);
  return page(
    c,
    "Reset your password",
    html`${notice === undefined ? "" : html`<p role="status">${notice}</p>`}
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <form method="post" action="/auth/password/new">
        ${csrfField(token)}
        <label for="email">Email address</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <button type="submit">Send the link</button>
      </form>
      <p><a href="/auth/sign_in">Back to sign in</a></p>`,
    status,
  );
}

function linkProblemPage(c: C, state: Exclude<ResetLinkState, "valid">) {
  const [status, message] = LINK_PROBLEMS[state];
  return page(
    c,
    "Link not usable",
    html`<p role="alert" class="error">${message}</p>
      <p><a href="/auth/password/new">Ask for a new link</a></p>`,
    status,
  );
}

async function editPage(
  c: C,
  resetToken: string,
  errors: { password?: string; password_confirmation?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  const error = (field: "password" | "password_confirmation", label: string) =>
    errors[field] === undefined
      ? ""
      : html`<p class="error" id="${field}-error">${label} ${errors[field]}</p>`;
  const invalid = (field: "password" | "password_confirmation") =>
    errors[field] === undefined ? "" : html`aria-invalid="true" aria-describedby="${field}-error"`;
  return page(
    c,
    "Choose a new password",
    html`<form method="post" action="/auth/password/edit">
        ${csrfField(token)}
        <input type="hidden" name="reset_password_token" value="${resetToken}" />
        <label for="password">New password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="72" ${invalid("password")} />
        ${error("password", "Password")}
        <label for="password_confirmation">Confirm new password</label>
        <input id="password_confirmation" name="password_confirmation" type="password" autocomplete="new-password" required ${invalid("password_confirmation")} />
        ${error("password_confirmation", "Password confirmation")}
        <button type="submit">Change password</button>
      </form>
      <p>Changing the password signs you out everywhere: in every browser and every app.</p>`,
    status,
  );
}

function throttled(c: C) {
  return page(
    c,
    "Too many requests",
    html`<p role="alert" class="error">Too many password reset requests. Wait a while and try again.</p>`,
    429,
  );
}

export const passwordRoutes = new Hono<Env>()
  .get("/auth/password/new", (c) => requestPage(c))
  .post("/auth/password/new", async (c) => {
    const params = await readParams(c);
    const email = text(params, "email").trim().slice(0, 320);
    const ipKey = throttleKey(c);
    const allowed = await countAttempt(c.var.ctx, ipKey, [
      { throttle: PASSWORD_RESET_IP_THROTTLE, key: ipKey },
      { throttle: PASSWORD_RESET_EMAIL_THROTTLE, key: email === "" ? null : email.toLowerCase() },
    ]);
    if (!allowed) return throttled(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    await requestPasswordReset(c.var.ctx, email);
    return requestPage(c, SENT);
  })
  .get("/auth/password/edit", async (c) => {
    const resetToken = c.req.query("reset_password_token") ?? "";
    const state = await resetLinkState(c.var.ctx, resetToken);
    if (state !== "valid") return linkProblemPage(c, state);
    return editPage(c, resetToken);
  })
  .post("/auth/password/edit", async (c) => {
    const params = await readParams(c);
    const ipKey = throttleKey(c);
    if (
      !(await countAttempt(c.var.ctx, ipKey, [
        { throttle: PASSWORD_RESET_IP_THROTTLE, key: ipKey },
      ]))
    )
      return throttled(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const resetToken = text(params, "reset_password_token");
    const result = await resetPassword(c.var.ctx, {
      token: resetToken,
      password: text(params, "password"),
      confirmation: text(params, "password_confirmation"),
    });
    if (result.type === "link") return linkProblemPage(c, result.state);
    if (result.type === "invalid") return editPage(c, resetToken, result.errors, 422);
    // Every session of the account ended in the service; this browser's cookie goes too.
    await signOut(c);
    return c.redirect("/auth/sign_in", 303);
  });
