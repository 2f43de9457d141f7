// GET/POST /settings/delete: deleting one's own account, confirmed with the password. The
// account becomes a tombstone that keeps the name reserved (services/accounts/lifecycle.ts);
// this browser is signed out and shown a goodbye page.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { deleteOwnAccount } from "../../services/accounts/lifecycle.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { csrfFailure, csrfField, csrfOk, formToken, page, signOut } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/delete";

async function deletePage(c: Context<Env>, error?: string, status: ContentfulStatusCode = 200) {
  const token = await formToken(c);
  return settingsPage(
    c,
    "Delete account",
    token,
    html`${errorNotice(error)}
      <p>Deleting your account removes your profile, posts and media and signs out every browser
        and app. It cannot be undone, and your username cannot be used again.</p>
      <form method="post" action="${PATH}">
        ${csrfField(token)}
        <label for="current_password">Your password</label>
        <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
        <button type="submit">Delete my account</button>
      </form>`,
    status,
  );
}

export const deleteAccountRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    return deletePage(c);
  })
  .post(PATH, async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const result = await deleteOwnAccount(
      c.var.ctx,
      auth.session.user_id,
      field(params, "current_password"),
    );
    if (result.type !== "ok") return deletePage(c, "The password is wrong.", 422);
    await enqueueDelivery(c.var.ctx, "account", result.accountId, result.federate);
    await signOut(c);
    return page(
      c,
      "Account deleted",
      html`<p role="status">Your account was deleted. Goodbye, and thank you for being here.</p>
        <p><a href="/">Home</a></p>`,
    );
  });
