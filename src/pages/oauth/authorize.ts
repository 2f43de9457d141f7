// The pages of GET /oauth/authorize: consent (which app, which scopes, Authorize or Deny), the
// out-of-band code, and the error shown when the request cannot safely go back to the app.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { OOB_URI } from "../../services/oauth/redirect-uris.ts";
import { csrfField, formToken, page } from "../auth/web.ts";

type C = Context<Env>;

const TOP_LEVEL: Record<string, string> = {
  read: "Read all your account's data",
  write: "Change all your account's data",
  follow: "Change who you follow, block and mute",
  push: "Receive your push notifications",
  profile: "Read only your profile information",
  "admin:read": "Read all data on the server (admin)",
  "admin:write": "Change all data on the server (admin)",
};

/** A plain-language line for a scope: `read:statuses` → "Read your statuses". */
export function describeScope(scope: string): string {
  const known = TOP_LEVEL[scope];
  if (known !== undefined) return known;
  const parts = scope.split(":");
  const what = (parts[parts.length - 1] ?? scope).replace(/_/g, " ");
  if (parts[0] === "admin") return `${parts[1] === "write" ? "Change" : "Read"} ${what} (admin)`;
  return `${parts[0] === "write" ? "Change" : "Read"} your ${what}`;
}

/** The CSP source for a redirect URI: its origin, or its scheme for an app's own (`myapp:`). */
export function redirectSource(redirectUri: string): string | undefined {
  if (redirectUri === OOB_URI) return undefined;
  const url = new URL(redirectUri);
  return url.protocol === "http:" || url.protocol === "https:" ? url.origin : url.protocol;
}

export interface ConsentView {
  appName: string;
  redirectUri: string;
  website: string | null;
  username: string;
  scopes: string[];
  withheld: string[];
  /** Hidden fields that repeat the authorization request in the POST. */
  fields: Record<string, string | undefined>;
}

export async function consentPage(c: C, view: ConsentView) {
  const token = await formToken(c);
  const hidden = Object.entries(view.fields)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`);
  return page(
    c,
    "Authorize an application",
    html`<p><strong>${view.appName}</strong>${
      view.website === null
        ? ""
        : html` (<a href="${view.website}" rel="noopener noreferrer">${view.website}</a>)`
    } wants to use your account <strong>@${view.username}</strong>.</p>
      <h2>It asks to</h2>
      <ul>
        ${view.scopes.map((s) => html`<li>${describeScope(s)} <small>(<code>${s}</code>)</small></li>`)}
      </ul>
      ${
        view.withheld.length === 0
          ? ""
          : html`<p>Not granted, since your account has no admin role: ${view.withheld.join(", ")}.</p>`
      }
      <form method="post" action="/oauth/authorize">
        ${csrfField(token)} ${hidden}
        <button type="submit" name="decision" value="authorize">Authorize</button>
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>
      <form method="post" action="/auth/sign_out">
        ${csrfField(token)}
        <p>Not you? <button type="submit">Sign out</button></p>
      </form>`,
    200,
    redirectSource(view.redirectUri),
  );
}

/** The code for an app registered with `urn:ietf:wg:oauth:2.0:oob`: the person copies it. */
export function codePage(c: C, appName: string, code: string) {
  return page(
    c,
    "Authorization code",
    html`<p>Copy this code and paste it into <strong>${appName}</strong>:</p>
      <p><code id="authorization-code">${code}</code></p>`,
  );
}

export function authorizeErrorPage(c: C, message: string, status: 400 | 403 = 400) {
  return page(
    c,
    "Authorization failed",
    html`<p role="alert" class="error">${message}</p>
      <p>Go back to the application and try again.</p>`,
    status,
  );
}
