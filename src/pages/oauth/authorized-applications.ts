// GET /oauth/authorized_applications: the apps holding tokens of the signed-in person, each
// with a Revoke button that ends all of that app's tokens for them (Mastodon's page of the
// same path; revoking is POST …/:id/revoke, or DELETE …/:id as Doorkeeper routes it).
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { listApps, revokeApp } from "../../services/sessions/manage.ts";
import { csrfFailure, csrfField, csrfOk, currentSession, formToken } from "../auth/web.ts";
import { settingsPage } from "../settings/layout.ts";
import { describeScope } from "./authorize.ts";

const PATH = "/oauth/authorized_applications";
const toSignIn = () => `/auth/sign_in?${new URLSearchParams({ return_to: PATH })}`;

async function handleRevoke(c: Context<Env>) {
  const params = await readParams(c);
  if (!(await csrfOk(c, params))) return csrfFailure(c);
  const session = await currentSession(c);
  if (session === null) return c.redirect(toSignIn(), 302);
  await revokeApp(c.var.ctx, session.user_id, c.req.param("id") ?? "");
  return c.redirect(PATH, 303);
}

export const authorizedApplicationsRoutes = new Hono<Env>()
  .get(PATH, async (c) => {
    const session = await currentSession(c);
    if (session === null) return c.redirect(toSignIn(), 302);
    const apps = await listApps(c.var.ctx, session.user_id);
    const token = await formToken(c);
    return settingsPage(
      c,
      "Authorized apps",
      token,
      apps.length === 0
        ? html`<p>No application can use your account.</p>`
        : html`<ul>
            ${apps.map(
              (app) => html`<li>
                <strong>${app.name}</strong>${
                  app.website === null
                    ? ""
                    : html` (<a href="${app.website}" rel="noopener noreferrer">${app.website}</a>)`
                }, since ${app.firstAuthorizedAt.slice(0, 10)}
                <ul>${app.scopes.map((s) => html`<li>${describeScope(s)} <small>(<code>${s}</code>)</small></li>`)}</ul>
                <form method="post" action="${PATH}/${app.id}/revoke">
                  ${csrfField(token)}<button type="submit">Revoke</button>
                </form>
              </li>`,
            )}
          </ul>`,
    );
  })
  .post(`${PATH}/:id/revoke`, handleRevoke)
  .delete(`${PATH}/:id`, handleRevoke);
