// What every settings page shares: the signed-in check (anyone else goes to sign-in and comes
// back) and a navigation between the account's pages, inside the sign-in pages' layout and CSP.
import type { Context } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../api/env.ts";
import type { WebSessionRow } from "../../repos/web-sessions.ts";
import { csrfField, currentSession, page } from "../auth/web.ts";

type C = Context<Env>;

const LINKS = [
  ["/settings/two_factor", "Two-factor authentication"],
  ["/settings/password", "Password"],
  ["/settings/email", "Email address"],
  ["/settings/import", "Import and export"],
  ["/settings/aliases", "Account aliases"],
  ["/settings/migration", "Move to another account"],
  ["/auth/sessions", "Sessions"],
  ["/oauth/authorized_applications", "Authorized apps"],
  ["/settings/delete", "Delete account"],
] as const;

/** The session of a signed-in visitor, or the redirect to sign-in that returns to `path`. */
export async function requireSession(
  c: C,
  path: string,
): Promise<{ session: WebSessionRow; response?: undefined } | { response: Response }> {
  const session = await currentSession(c);
  if (session !== null) return { session };
  return {
    response: c.redirect(`/auth/sign_in?${new URLSearchParams({ return_to: path })}`, 302),
  };
}

/** A settings page; `csrf` is the page's one form token (formToken, called once per request). */
export function settingsPage(
  c: C,
  title: string,
  csrf: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
) {
  const here = c.req.path;
  return page(
    c,
    title,
    html`<nav aria-label="Account settings">
        <ul>
          ${LINKS.map(([href, label]) =>
            href === here
              ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
              : html`<li><a href="${href}">${label}</a></li>`,
          )}
        </ul>
        <form method="post" action="/auth/sign_out">
          ${csrfField(csrf)}<button type="submit">Sign out</button>
        </form>
      </nav>
      ${body}`,
    status,
  );
}

export function errorNotice(message: string | undefined) {
  return message === undefined ? "" : html`<p role="alert" class="error">${message}</p>`;
}

/** The text of a form field, or "" (bounded: nothing we read here is long). */
export function field(params: Record<string, unknown>, name: string, max = 1024): string {
  const value = params[name];
  return typeof value === "string" ? value.slice(0, max) : "";
}
