// GET/POST /settings/password: a new password, after the current one. Every other browser and
// every app token is signed out (services/accounts/lifecycle.ts); this browser stays in.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { changePassword } from "../../services/accounts/lifecycle.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/password";

async function passwordPage(
  c: Context<Env>,
  notice: { error?: string; done?: boolean } = {},
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  return settingsPage(
    c,
    "Change password",
    token,
    html`${errorNotice(notice.error)}
      ${notice.done ? html`<p role="status">Your password was changed. Every other browser and app was signed out.</p>` : ""}
      <form method="post" action="${PATH}">
        ${csrfField(token)}
        <label for="current_password">Current password</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
        <label for="password">New password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" maxlength="72" required />
        <label for="password_confirmation">Confirm new password</label>
        <input id="password_confirmation" name="password_confirmation" type="password" autocomplete="new-password" minlength="8" maxlength="72" required />
        <button type="submit">Change password</button>
      </form>`,
    status,
  );
}

export const passwordSettingsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    return passwordPage(c, { done: c.req.query("changed") === "1" });
  })
  .post(PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const next = field(params, "password");
    if (next !== field(params, "password_confirmation")) {
      return passwordPage(c, { error: "The new password and its confirmation differ." }, 422);
    }
    const result = await changePassword(c.var.ctx, auth.session.user_id, {
      current: field(params, "current_password"),
      next,
      keepSessionId: auth.session.id,
    });
    if (result.type === "wrong-password")
      return passwordPage(c, { error: "The current password is wrong." }, 422);
    if (result.type === "invalid-password")
      return passwordPage(c, { error: `The new ${result.message}.` }, 422);
    if (result.type === "not-found") return passwordPage(c, { error: "No such account." }, 404);
    return c.redirect(`${PATH}?changed=1`, 303);
  });
