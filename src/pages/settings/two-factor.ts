// /settings/two_factor: turn two-factor sign-in on (scan the QR code or type the secret,
// confirm with a first code, note the ten recovery codes shown once) or off (password and a
// code). Each step is its own POST, so a reload never repeats one.
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import QRCode from "qrcode";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import {
  disableWithConfirmation,
  regenerateRecoveryCodes,
  totpLabel,
  twoFactorState,
} from "../../services/two-factor/settings.ts";
import { beginTotpSetup, confirmTotpSetup } from "../../services/two-factor/totp.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

type C = Context<Env>;
const PATH = "/settings/two_factor";
const TITLE = "Two-factor authentication";

// Field ids carry a prefix: the page for an enabled account has two forms with these fields.
const codeInput = (prefix: string, label: string) =>
  html`<label for="${prefix}code">${label}</label>
    <input id="${prefix}code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required />`;

const passwordInput = (prefix: string) =>
  html`<label for="${prefix}current_password">Current password</label>
    <input id="${prefix}current_password" name="current_password" type="password" autocomplete="current-password" required />`;

/** The recovery codes, shown this once: only their hashes are stored. */
async function recoveryCodesPage(c: C, lead: string, codes: string[]) {
  const token = await formToken(c);
  return settingsPage(
    c,
    TITLE,
    token,
    html`<p role="status">${lead}</p>
      <h2>Recovery codes</h2>
      <p>Keep these somewhere safe. Each one signs you in once if you lose your phone. They are not shown again.</p>
      <ol id="recovery-codes">
        ${codes.map((r) => html`<li><code>${r}</code></li>`)}
      </ol>
      <p><a href="${PATH}">Done</a></p>`,
  );
}

async function statusPage(
  c: C,
  userId: string,
  notice: { error?: string; status?: string } = {},
  code: ContentfulStatusCode = 200,
) {
  const state = await twoFactorState(c.var.ctx, userId);
  const token = await formToken(c);
  const top = html`${errorNotice(notice.error)}
    ${notice.status === undefined ? "" : html`<p role="status">${notice.status}</p>`}`;
  if (state.type === "enabled") {
    return settingsPage(
      c,
      TITLE,
      token,
      html`${top}
        <p>Two-factor authentication is <strong>on</strong>. ${state.unusedRecoveryCodes} unused recovery codes left.</p>
        <h2>Turn off</h2>
        <form method="post" action="${PATH}/disable">
          ${csrfField(token)}
          ${passwordInput("disable_")}
          ${codeInput("disable_", "Code from your app, or a recovery code")}
          <button type="submit">Turn off two-factor authentication</button>
        </form>
        <h2>New recovery codes</h2>
        <p>Replaces all your recovery codes, used or not, with ten new ones.</p>
        <form method="post" action="${PATH}/recovery_codes">
          ${csrfField(token)}
          ${passwordInput("regenerate_")}
          ${codeInput("regenerate_", "Code from your app, or a recovery code")}
          <button type="submit">Make new recovery codes</button>
        </form>`,
      code,
    );
  }
  if (state.type === "pending") {
    // The QR code is inline SVG: no image request, nothing for the CSP to allow.
    const svg = await QRCode.toString(state.setup.uri, { type: "svg", margin: 2, width: 240 });
    return settingsPage(
      c,
      TITLE,
      token,
      html`${top}
        <p>Scan this code with an authenticator app, or type the secret below into it. Then enter the six-digit code it shows.</p>
        <figure role="img" aria-label="QR code of the two-factor secret">${raw(svg)}</figure>
        <p>Secret: <code id="totp-secret">${state.setup.secret}</code></p>
        <form method="post" action="${PATH}/confirm">
          ${csrfField(token)}
          ${codeInput("", "Code from your app")}
          <button type="submit">Turn on</button>
        </form>`,
      code,
    );
  }
  return settingsPage(
    c,
    TITLE,
    token,
    html`${top}
      <p>Two-factor authentication is <strong>off</strong>. With it on, signing in needs a code from an authenticator app on your phone as well as your password.</p>
      <form method="post" action="${PATH}/setup">
        ${csrfField(token)}
        <button type="submit">Set up two-factor authentication</button>
      </form>`,
    code,
  );
}

/** Shared head of every POST: CSRF first (nothing happens without it), then the session. */
async function guarded(c: C) {
  const params = await readParams(c);
  if (!(await csrfOk(c, params))) return { response: csrfFailure(c) };
  const auth = await requireSession(c, PATH);
  if (auth.response) return { response: auth.response };
  return { params, userId: auth.session.user_id };
}

export const twoFactorSettingsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const done = c.req.query("disabled") === "1" ? "Two-factor authentication is off." : undefined;
    return statusPage(c, auth.session.user_id, { status: done });
  })
  .post(`${PATH}/setup`, async (c) => {
    const g = await guarded(c);
    if (g.response) return g.response;
    const state = await twoFactorState(c.var.ctx, g.userId);
    if (state.type !== "enabled") {
      await beginTotpSetup(c.var.ctx, g.userId, await totpLabel(c.var.ctx, g.userId));
    }
    return c.redirect(PATH, 303);
  })
  .post(`${PATH}/confirm`, async (c) => {
    const g = await guarded(c);
    if (g.response) return g.response;
    const label = await totpLabel(c.var.ctx, g.userId);
    const code = field(g.params, "code", 64);
    const result = await confirmTotpSetup(c.var.ctx, g.userId, label, code);
    if (result.type === "no-setup") return c.redirect(PATH, 303);
    if (result.type === "wrong-code") {
      return statusPage(c, g.userId, { error: "That code is not right. Try the next one." }, 422);
    }
    return recoveryCodesPage(c, "Two-factor authentication is on.", result.recoveryCodes);
  })
  .post(`${PATH}/disable`, async (c) => {
    const g = await guarded(c);
    if (g.response) return g.response;
    const result = await disableWithConfirmation(
      c.var.ctx,
      g.userId,
      field(g.params, "current_password"),
      field(g.params, "code", 64),
    );
    if (result !== "ok") {
      return statusPage(c, g.userId, { error: "The password or the code is wrong." }, 422);
    }
    return c.redirect(`${PATH}?disabled=1`, 303);
  })
  .post(`${PATH}/recovery_codes`, async (c) => {
    const g = await guarded(c);
    if (g.response) return g.response;
    const result = await regenerateRecoveryCodes(
      c.var.ctx,
      g.userId,
      field(g.params, "current_password"),
      field(g.params, "code", 64),
    );
    if (result.type !== "ok") {
      return statusPage(c, g.userId, { error: "The password or the code is wrong." }, 422);
    }
    return recoveryCodesPage(c, "Your old recovery codes no longer work.", result.recoveryCodes);
  });
