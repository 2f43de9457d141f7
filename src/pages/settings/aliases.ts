// GET/POST /settings/aliases (Mastodon's "Moving from a different account"): the accounts
// this one also is, published in the actor's `alsoKnownAs` so an old account can move here.
//   POST /settings/aliases          acct=@user@domain   add one
//   POST /settings/aliases/remove   id=…                remove one
// A form that fails changes nothing and shows why (422).
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import { type Params, readParams } from "../../api/params.ts";
import { findUserAccount } from "../../repos/oauth.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { addAlias, listAliases, removeAlias } from "../../services/moves/aliases.ts";
import { csrfFailure, csrfField, csrfOk, formToken } from "../auth/web.ts";
import { errorNotice, field, requireSession, settingsPage } from "./layout.ts";

const PATH = "/settings/aliases";

async function aliasesPage(
  c: Context<Env>,
  accountId: string,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const token = await formToken(c);
  const aliases = await listAliases(c.var.ctx.db, accountId);
  return settingsPage(
    c,
    "Account aliases",
    token,
    html`${errorNotice(error)}
      <p>To move here from another account, add that account as an alias first: its server
        checks that this account lists it before it lets it move.</p>
      <form method="post" action="${PATH}">
        ${csrfField(token)}
        <label for="acct">Address of the old account</label>
        <input id="acct" name="acct" type="text" placeholder="@username@example.com" required />
        <button type="submit">Add alias</button>
      </form>
      ${
        aliases.length === 0
          ? html`<p>No aliases yet.</p>`
          : html`<ul>
              ${aliases.map(
                (a) => html`<li>
                  <span>@${a.acct}</span>
                  <form method="post" action="${PATH}/remove">
                    ${csrfField(token)}<input type="hidden" name="id" value="${a.id}" />
                    <button type="submit">Remove</button>
                  </form>
                </li>`,
              )}
            </ul>`
      }`,
    status,
  );
}

async function accountOf(c: Context<Env>, userId: string): Promise<string | null> {
  const own = await findUserAccount(c.var.ctx.db, userId);
  return own === undefined ? null : String(own.id);
}

export const aliasSettingsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const auth = await requireSession(c, PATH);
    if (auth.response) return auth.response;
    const accountId = await accountOf(c, auth.session.user_id);
    if (accountId === null) return c.redirect("/auth/sign_in", 302);
    return aliasesPage(c, accountId);
  })
  .post(PATH, (c) =>
    aliasChange(c, (ctx, accountId, params) =>
      addAlias(ctx, accountId, field(params, "acct", 300)),
    ),
  )
  .post(`${PATH}/remove`, (c) =>
    aliasChange(c, (ctx, accountId, params) =>
      removeAlias(ctx, accountId, field(params, "id", 30)),
    ),
  );

type AliasResult = Awaited<ReturnType<typeof addAlias>> | Awaited<ReturnType<typeof removeAlias>>;

/** Both forms: CSRF, session, the change, then Update(Person) to followers or the page with why. */
async function aliasChange(
  c: Context<Env>,
  change: (ctx: Env["Variables"]["ctx"], accountId: string, params: Params) => Promise<AliasResult>,
) {
  const params = await readParams(c);
  if (!(await csrfOk(c, params))) return csrfFailure(c);
  const auth = await requireSession(c, PATH);
  if (auth.response) return auth.response;
  const accountId = await accountOf(c, auth.session.user_id);
  if (accountId === null) return c.redirect("/auth/sign_in", 302);
  const result = await change(c.var.ctx, accountId, params);
  if (result.type === "invalid") return aliasesPage(c, accountId, result.message, 422);
  await enqueueDelivery(c.var.ctx, "account", accountId, result.federate);
  return c.redirect(PATH, 303);
}
