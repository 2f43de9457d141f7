// GET /auth/sessions lists the person's signed-in browsers; each can be signed out from here
// (POST /auth/sessions/:id/revoke). Mastodon shows the same under Account → Authorized apps
// and sessions.
import { Hono } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { readParams } from "../../api/params.ts";
import { listSessions, revokeOwnSession } from "../../services/sessions/manage.ts";
import { settingsPage } from "../settings/layout.ts";
import { csrfFailure, csrfField, csrfOk, currentSession, formToken } from "./web.ts";

const toSignIn = (returnTo: string) =>
  `/auth/sign_in?${new URLSearchParams({ return_to: returnTo })}`;

export const sessionsRoutes = new Hono<Env>()
  .get("/auth/sessions", async (c) => {
    const session = await currentSession(c);
    if (session === null) return c.redirect(toSignIn("/auth/sessions"), 302);
    const sessions = await listSessions(c.var.ctx, session.user_id);
    const token = await formToken(c);
    return settingsPage(
      c,
      "Sessions",
      token,
      html`<p>Browsers signed in to your account. Sign out any you do not recognise.</p>
        <ul>
          ${sessions.map(
            (s) => html`<li>
              <strong>${s.user_agent ?? "Unknown browser"}</strong><br />
              ${s.ip ?? "unknown address"}, last active ${s.last_seen_at.slice(0, 16).replace("T", " ")} UTC
              ${
                s.id === session.id
                  ? html`<em>(this browser)</em>`
                  : html`<form method="post" action="/auth/sessions/${s.id}/revoke">
                      ${csrfField(token)}<button type="submit">Sign out this session</button>
                    </form>`
              }
            </li>`,
          )}
        </ul>`,
    );
  })
  .post("/auth/sessions/:id/revoke", async (c) => {
    const params = await readParams(c);
    if (!(await csrfOk(c, params))) return csrfFailure(c);
    const session = await currentSession(c);
    if (session === null) return c.redirect(toSignIn("/auth/sessions"), 302);
    await revokeOwnSession(c.var.ctx, session.user_id, c.req.param("id"));
    return c.redirect("/auth/sessions", 303);
  });
