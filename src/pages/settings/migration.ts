// GET/POST /settings/migration (Mastodon's "Moving to a different account"): the account
// moves to another that lists it as an alias, after the current password, once every 30
// days (services/moves/move-account.ts). A form that fails changes nothing (422).
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { findUserAccount } from "../../repos/oauth.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { moveAccount } from "../../services/moves/move-account.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/migration";

async function migrationPage(
  c: Context<Env>,
  userId: string,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  const own = await findUserAccount(c.var.ctx.db, userId);
  const moved =
    own?.moved_to_account_id == null
      ? undefined
      : await findAccountById(c.var.ctx.db, String(own.moved_to_account_id));
  const movedTo =
    moved === undefined
      ? ""
      : html`<p role="status">This account has moved to
          @${moved.username}@${moved.domain ?? c.var.ctx.config.domain}.</p>`;
  return settingsPage(
    c,
    "Move to a different account",
    token,
    html`${errorNotice(error)} ${movedTo}
      <p>Your followers here are moved to the new account, and this one shows where you went.
        Posts stay where they are. First list this account as an alias on the new one. You can
        move once every 30 days.</p>
      <form method="post" action="${PATH}">
        ${csrfField(token)}
        <label for="acct">Address of the new account</label>
        <input id="acct" name="acct" type="text" placeholder="@username@example.com" required />
        <label for="current_password">Your password</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
        <button type="submit">Move followers</button>
      </form>`,
    status,
  );
}

export const migrationSettingsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    return migrationPage(c, auth.session.user_id);
  })
  .post(PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const result = await moveAccount(c.var.ctx, auth.session.user_id, {
      acct: field(params, "acct", 300),
      password: field(params, "current_password"),
    });
    if (result.type === "invalid")
      return migrationPage(c, auth.session.user_id, result.message, 422);
    await enqueueDelivery(c.var.ctx, "account", result.accountId, result.federate);
    return c.redirect(PATH, 303);
  });
