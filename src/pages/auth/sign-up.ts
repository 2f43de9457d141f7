// GET/POST /auth/sign_up: the web sign-up form, and GET /auth/setup, where the new person
// lands. The form calls the same service as POST /api/v1/accounts (signUpOnWeb), so the rules
// and the error details are the API's. As Mastodon, a successful sign-up signs the person in
// and shows a "confirm your email" page (/auth/setup); the API refuses their tokens until the
// address is confirmed (and, in approval mode, a moderator approved).
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clientIp, isLoopbackAddress, rateLimitBucket } from "../../api/client-ip.ts";
import type { Env } from "../../api/env.ts";
import { type Params, readParams } from "../../api/params.ts";
import type { RegistrationsMode } from "../../domain/instance-settings.ts";
import { listLanguages } from "../../domain/languages.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { findConfirmationTarget } from "../../repos/registrations.ts";
import { listRules, type Rule } from "../../repos/rules.ts";
import { resendConfirmationOnWeb } from "../../services/registrations/resend-on-web.ts";
import { signUpOnWeb } from "../../services/registrations/sign-up.ts";
import { countAttempt, SIGN_UP_THROTTLE } from "../../services/registrations/throttles.ts";
import { isLocale, type ValidationDetails } from "../../services/registrations/validation.ts";
import { csrfFailure, csrfField, csrfOk, currentSession, formToken, page, signIn } from "./web.ts";

type C = Context<Env>;

/** The client's rate-limit bucket, or null when it is exempt (loopback, as the API's limits). */
export function throttleKey(c: C): string | null {
  const ip = clientIp(c);
  if (ip !== null && isLoopbackAddress(ip)) return null;
  return ip === null ? "unknown" : rateLimitBucket(ip);
}

export interface SignUpFormState {
  username?: string;
  email?: string;
  locale?: string;
  reason?: string;
  agreement?: boolean;
  /** A valid invite: carried in a hidden field; it opens closed registrations. */
  inviteCode?: string;
  /** A notice above the form (an invite link that did not work). */
  notice?: string;
  errors?: ValidationDetails;
}

/** The first language of Accept-Language that we know, else English. */
function preferredLocale(c: C): string {
  for (const part of (c.req.header("accept-language") ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim() ?? "";
    if (isLocale(tag)) return tag.slice(0, tag.search(/[-_]|$/)).toLowerCase();
  }
  return "en";
}

const LABEL: Record<string, string> = {
  username: "Username",
  email: "Email",
  password: "Password",
  password_confirmation: "Password confirmation",
  agreement: "Agreement",
  locale: "Language",
  reason: "Reason",
};

function fieldErrors(errors: ValidationDetails | undefined, field: string) {
  const list = errors?.[field];
  if (list === undefined) return "";
  return html`<p class="error" id="${field}-error">${list.map((e) => `${LABEL[field] ?? field} ${e.description}`).join("; ")}</p>`;
}

/** aria attributes tying an input to its error message. */
function invalidAttrs(errors: ValidationDetails | undefined, field: string) {
  return errors?.[field] === undefined
    ? ""
    : html`aria-invalid="true" aria-describedby="${field}-error"`;
}

function rulesList(rules: Rule[]) {
  if (rules.length === 0) return "";
  return html`<h2>Server rules</h2>
    <ol class="rules">
      ${rules.map((r) => html`<li>${r.text}${r.hint === "" ? "" : html`<br /><small>${r.hint}</small>`}</li>`)}
    </ol>`;
}

/** The closed-registrations page: nothing to fill in. */
function closedPage(
  c: C,
  message: string,
  notice: string | undefined,
  status: ContentfulStatusCode,
) {
  return page(
    c,
    "Sign-ups are closed",
    html`${notice === undefined ? "" : html`<p role="alert" class="error">${notice}</p>`}
      <p>This server is not accepting new accounts at the moment. You need an invite link to join.</p>
      ${message === "" ? "" : html`<p>${message}</p>`}
      <p><a href="/auth/sign_in">Sign in</a> if you already have an account.</p>`,
    status,
  );
}

/** The sign-up page for `mode` (the form, or the closed page when there is no invite). */
export async function signUpPage(c: C, state: SignUpFormState, status: ContentfulStatusCode = 200) {
  const settings = await loadSettings(c.var.ctx.db);
  const mode: RegistrationsMode = settings.registrations;
  if (mode === "closed" && state.inviteCode === undefined)
    return closedPage(
      c,
      settings.registrations_message,
      state.notice,
      status === 200 ? 403 : status,
    );
  const rules = await listRules(c.var.ctx.db);
  const token = await formToken(c);
  const errors = state.errors;
  const locale = state.locale ?? preferredLocale(c);
  // A valid invite skips approval, so its holder is not asked why they want to join.
  const askReason = mode === "approval" && state.inviteCode === undefined;
  const count = errors === undefined ? 0 : Object.values(errors).flat().length;
  return page(
    c,
    `Sign up on ${settings.title}`,
    html`${state.notice === undefined ? "" : html`<p role="alert" class="error">${state.notice}</p>`}
      ${count === 0 ? "" : html`<p role="alert" class="error">Please fix ${count === 1 ? "the problem" : `the ${count} problems`} below.</p>`}
      ${state.inviteCode === undefined ? "" : html`<p>You have been invited to join ${settings.title}.</p>`}
      ${askReason ? html`<p>Sign-ups on this server are reviewed by a moderator before the account can be used.</p>` : ""}
      <form method="post" action="/auth/sign_up">
        ${csrfField(token)}
        ${state.inviteCode === undefined ? "" : html`<input type="hidden" name="invite_code" value="${state.inviteCode}" />`}
        <label for="username">Username</label>
        <input id="username" name="username" type="text" autocomplete="username" required maxlength="30" value="${state.username ?? ""}" ${invalidAttrs(errors, "username")} />
        ${fieldErrors(errors, "username")}
        ${honeypotField()}
        <label for="email">Email address</label>
        <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ""}" ${invalidAttrs(errors, "email")} />
        ${fieldErrors(errors, "email")}
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="72" ${invalidAttrs(errors, "password")} />
        ${fieldErrors(errors, "password")}
        <label for="password_confirmation">Confirm password</label>
        <input id="password_confirmation" name="password_confirmation" type="password" autocomplete="new-password" required ${invalidAttrs(errors, "password_confirmation")} />
        ${fieldErrors(errors, "password_confirmation")}
        <label for="locale">Language</label>
        <select id="locale" name="locale" ${invalidAttrs(errors, "locale")}>
          ${listLanguages().map((l) => html`<option value="${l.code}"${l.code === locale ? html` selected` : ""}>${l.name}</option>`)}
        </select>
        ${fieldErrors(errors, "locale")}
        ${
          askReason
            ? html`<label for="reason">Why do you want to join?</label>
              <textarea id="reason" name="reason" rows="3" maxlength="420" ${invalidAttrs(errors, "reason")}>${state.reason ?? ""}</textarea>
              ${fieldErrors(errors, "reason")}`
            : ""
        }
        ${rulesList(rules)}
        <p>
          <input id="agreement" name="agreement" type="checkbox" value="1" required${state.agreement ? html` checked` : ""} ${invalidAttrs(errors, "agreement")} />
          <label for="agreement" style="display: inline">I agree to the server rules${settings.privacy_policy === "" ? "" : " and the privacy policy"}.</label>
        </p>
        ${fieldErrors(errors, "agreement")}
        <button type="submit">Sign up</button>
      </form>
      <p>Already have an account? <a href="/auth/sign_in">Sign in</a></p>`,
    status,
  );
}

/** The honeypot (as Mastodon's `website` field): hidden from people, screen readers and the
 *  tab order, and not autofilled, so only a bot filling every input puts a value in it. */
export const HONEYPOT_FIELD = "website";

function honeypotField() {
  return html`<div style="position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden" aria-hidden="true">
          <label for="${HONEYPOT_FIELD}">Website (leave this empty)</label>
          <input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value="" />
        </div>`;
}

/** What a filled honeypot gets: the form again with a notice that names no field, the answer
 *  any refused sign-up gets, so the bot learns neither which input gave it away nor that it
 *  was recognised (answering "accepted" would instead mislead a person whose tool filled it). */
const HONEYPOT_NOTICE = "Your account could not be created. Please check the form and try again.";

const text = (params: Params, name: string): string => {
  const value = params[name];
  return typeof value === "string" ? value : "";
};

export const signUpRoutes = new Hono<Env>()
  .get("/auth/sign_up", async (c) => {
    if ((await currentSession(c)) !== null) return c.redirect("/auth/setup", 303);
    return signUpPage(c, {});
  })
  .post("/auth/sign_up", async (c) => {
    const params = await readParams(c);
    const inviteCode = text(params, "invite_code") || undefined;
    const ipKey = throttleKey(c);
    if (!(await countAttempt(c.var.ctx, ipKey, [{ throttle: SIGN_UP_THROTTLE, key: ipKey }]))) {
      return page(
        c,
        "Too many sign-ups",
        html`<p role="alert" class="error">Too many sign-ups from your network. Wait half an hour and try again.</p>`,
        429,
      );
    }
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const state: SignUpFormState = {
      username: text(params, "username").trim(),
      email: text(params, "email").trim(),
      locale: text(params, "locale") || undefined,
      reason: text(params, "reason") || undefined,
      agreement: text(params, "agreement") !== "",
      inviteCode,
    };
    // Checked before the service: nothing is created, no mail is sent.
    if (text(params, HONEYPOT_FIELD) !== "")
      return signUpPage(c, { ...state, notice: HONEYPOT_NOTICE }, 422);
    const result = await signUpOnWeb(c.var.ctx, {
      username: state.username ?? "",
      email: state.email ?? "",
      password: text(params, "password"),
      passwordConfirmation: text(params, "password_confirmation"),
      agreement: state.agreement === true,
      locale: state.locale,
      reason: state.reason,
      inviteCode,
      ip: clientIp(c),
    });
    if (result.type === "closed") {
      const notice = "This invite link is not valid any more: it has expired or been used up.";
      return signUpPage(c, { notice }, 403);
    }
    if (result.type === "invalid") return signUpPage(c, { ...state, errors: result.details }, 422);
    await signIn(c, result.userId);
    return c.redirect("/auth/setup", 303);
  })
  .get("/auth/setup", async (c) => {
    const session = await currentSession(c);
    if (session === null) return c.redirect(SETUP_SIGN_IN, 302);
    return setupPage(c, session.user_id, c.req.query("sent") === "1" ? "sent" : undefined);
  })
  .post("/auth/setup/resend", async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const session = await currentSession(c);
    if (session === null) return c.redirect(SETUP_SIGN_IN, 302);
    const result = await resendConfirmationOnWeb(c.var.ctx, session.user_id);
    if (result === "throttled") return setupPage(c, session.user_id, "throttled", 429);
    return c.redirect(result === "sent" ? "/auth/setup?sent=1" : "/auth/setup", 303);
  });

const SETUP_SIGN_IN = "/auth/sign_in?return_to=%2Fauth%2Fsetup";

/** Where a new account stands: the address to confirm, the moderator's review. */
async function setupPage(
  c: C,
  userId: string,
  notice?: "sent" | "throttled",
  status: ContentfulStatusCode = 200,
) {
  const target = await findConfirmationTarget(c.var.ctx.db, userId);
  if (target === undefined) return c.redirect("/", 303);
  // A pending change of address of a confirmed account is the settings page's business.
  const confirmed = target.confirmedAt !== null;
  if (confirmed && target.approved) return c.redirect("/", 303);
  const token = await formToken(c);
  return page(
    c,
    confirmed ? "Waiting for approval" : "Confirm your email address",
    html`${notice === "sent" ? html`<p role="status">We sent a new link. Only the newest link works.</p>` : ""}
      ${notice === "throttled" ? html`<p role="alert" class="error">Too many mails for your account. Wait half an hour and try again.</p>` : ""}
      ${
        confirmed
          ? ""
          : html`<p>We sent a link to <strong>${target.email}</strong>. Open it to confirm your email address; until then your account cannot be used from apps.</p>
            <p>No mail? Check your spam folder. The link works for two days.</p>
            <form method="post" action="/auth/setup/resend">
              ${csrfField(token)}<button type="submit">Send the link again</button>
            </form>`
      }
      ${target.approved ? "" : html`<p>A moderator will review your sign-up.</p>`}
      <p>Signed in as @${target.username}.</p>`,
    status,
  );
}
