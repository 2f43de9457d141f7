// GET/POST /settings/email: a new email address for a signed-in person, confirmed with the
// current password. The link goes to the new address (services/registrations/change-email.ts);
// until it is opened the old address stays in use, and the old address is told.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { findConfirmationTarget } from "../../repos/registrations.ts";
import { changeEmail } from "../../services/registrations/change-email.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/email";

async function emailPage(
  c: Context<Env>,
  userId: string,
  state: { email?: string; error?: string; emailError?: string; sent?: boolean } = {},
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  const target = await findConfirmationTarget(c.var.ctx.db, userId);
  const pending = target?.confirmedAt === null ? null : (target?.unconfirmedEmail ?? null);
  return settingsPage(
    c,
    "Email address",
    token,
    html`${errorNotice(state.error)}
      ${state.sent ? html`<p role="status">We sent a confirmation link to the new address. Open it to start using that address.</p>` : ""}
      <p>Your email address is <strong>${target?.email ?? ""}</strong>.</p>
      ${pending === null ? "" : html`<p>Waiting for confirmation: <strong>${pending}</strong>. It replaces the current address once its link is opened.</p>`}
      <form method="post" action="${PATH}">
        ${csrfField(token)}
        <label for="email">New email address</label>
        <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ""}" ${state.emailError === undefined ? "" : html`aria-invalid="true" aria-describedby="email-error"`} />
        ${state.emailError === undefined ? "" : html`<p class="error" id="email-error">${state.emailError}</p>`}
        <label for="current_password">Current password</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
        <button type="submit">Change email address</button>
      </form>`,
    status,
  );
}

export const emailSettingsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    return emailPage(c, auth.session.user_id, { sent: c.req.query("sent") === "1" });
  })
  .post(PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const userId = auth.session.user_id;
    const email = field(params, "email", 320).trim();
    const result = await changeEmail(c.var.ctx, userId, {
      email,
      password: field(params, "current_password"),
    });
    if (result.type === "sent") return c.redirect(`${PATH}?sent=1`, 303);
    if (result.type === "wrong-password")
      return emailPage(c, userId, { email, error: "The current password is wrong." }, 422);
    if (result.type === "throttled") {
      const error =
        "Too many confirmation mails for your account. Wait half an hour and try again.";
      return emailPage(c, userId, { email, error }, 429);
    }
    const emailError = (result.details.email ?? []).map((e) => `Email ${e.description}`).join("; ");
    return emailPage(c, userId, { email, emailError }, 422);
  });
