// Helpers for the web sign-up, invite and password reset page tests: fetch a form and post it
// as a browser would (cookies and the CSRF token), set the registrations mode, read links
// from the mails in <data dir>/mail.
import assert from "node:assert/strict";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { browse, CookieJar, inputValue } from "../api/oauth-kit.ts";
import { lastMail, nextIp } from "../api/registrations-kit.ts";
import { FIXED_TIME, type Rig } from "../rig/index.ts";

export type Mode = "open" | "approval" | "closed";

export const setMode = (rig: Rig, mode: Mode) =>
  saveSetting(rig.ctx.db, "registrations", mode, new Date(FIXED_TIME));

/** A complete, valid sign-up form for `username`. */
export function signUpFields(username: string): Record<string, string> {
  return {
    username,
    email: `${username}@example.org`,
    password: "correct horse battery",
    password_confirmation: "correct horse battery",
    locale: "en",
    agreement: "1",
  };
}

/**
 * Opens `formPath` in a fresh cookie jar, then posts `fields` plus the page's CSRF token and
 * hidden fields (an invite code) to `action`. `csrf: false` leaves the token out.
 */
export async function submitForm(
  rig: Rig,
  formPath: string,
  action: string,
  fields: Record<string, string>,
  options: { jar?: CookieJar; ip?: string; csrf?: boolean } = {},
) {
  const jar = options.jar ?? new CookieJar();
  const ip = options.ip ?? nextIp();
  const form = await browse(rig, jar, formPath, undefined, ip);
  const hidden: Record<string, string> = {};
  for (const m of form.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    hidden[m[1] as string] = m[2] as string;
  if (options.csrf === false) delete hidden.authenticity_token;
  const res = await browse(rig, jar, action, { ...hidden, ...fields }, ip);
  return { ...res, jar, form };
}

export const signUpOnPage = (
  rig: Rig,
  fields: Record<string, string>,
  options: { jar?: CookieJar; ip?: string; csrf?: boolean; path?: string } = {},
) => submitForm(rig, options.path ?? "/auth/sign_up", "/auth/sign_up", fields, options);

export async function userByEmail(rig: Rig, email: string) {
  return rig.ctx.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function userCount(rig: Rig): Promise<number> {
  const row = await rig.ctx.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The password reset link of the newest mail, as a path the rig can request, and its token. */
export function resetLink(rig: Rig): { path: string; token: string; to: string } {
  const mail = lastMail(rig);
  const match = /(https?:\/\/\S+\/auth\/password\/edit\?reset_password_token=([\w-]+))/.exec(
    mail.text,
  );
  assert.ok(match, `no reset link in ${mail.subject}`);
  const url = new URL(match[1] as string);
  assert.equal(url.origin, new URL(rig.config.baseUrl).origin);
  return { path: `${url.pathname}${url.search}`, token: match[2] as string, to: mail.to };
}

export { browse, CookieJar, inputValue };
