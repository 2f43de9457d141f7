// Helpers for the two-factor and settings page tests: requests from a loopback address (exempt
// from the login throttle, so only the throttle test counts attempts), signing in, TOTP codes at
// the rig's clock, and the rows that tell whether something changed.
import assert from "node:assert/strict";
import { Secret, TOTP } from "otpauth";
import { beginTotpSetup, confirmTotpSetup } from "../../src/services/two-factor/totp.ts";
import { browse, CookieJar, inputValue } from "../api/oauth-kit.ts";
import type { Rig } from "../rig/index.ts";

export const LOOPBACK = "127.0.0.1";

/** A page or a form post as a browser on this machine. */
export const go = (rig: Rig, jar: CookieJar, path: string, form?: Record<string, string>) =>
  browse(rig, jar, path, form, LOOPBACK);

/** Posts `form` with the CSRF token of the page at `pagePath`. */
export async function submit(
  rig: Rig,
  jar: CookieJar,
  pagePath: string,
  action: string,
  form: Record<string, string>,
) {
  const page = await go(rig, jar, pagePath);
  assert.equal(page.status, 200, page.text);
  return go(rig, jar, action, {
    authenticity_token: inputValue(page.text, "authenticity_token"),
    ...form,
  });
}

/** The password step; `returnTo` goes along as the sign-in page's hidden field would. */
export function passwordStep(
  rig: Rig,
  jar: CookieJar,
  user: { email: string; password: string },
  returnTo?: string,
) {
  return submit(rig, jar, "/auth/sign_in", "/auth/sign_in", {
    email: user.email,
    password: user.password,
    ...(returnTo === undefined ? {} : { return_to: returnTo }),
  });
}

/** Signs in a user without two-factor; returns the browser's cookies. */
export async function signedIn(rig: Rig, user: { email: string; password: string }) {
  const jar = new CookieJar();
  const res = await passwordStep(rig, jar, user);
  assert.equal(res.status, 303, res.text);
  assert.ok(jar.cookies.has("_hearth_session"));
  return jar;
}

export function totpCode(secret: string, time: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: time.getTime(),
  });
}

/** Turns two-factor on through the services; the first code's step is then used up. */
export async function enableTwoFactor(rig: Rig, userId: string) {
  const setup = await beginTotpSetup(rig.ctx, userId, "test");
  const result = await confirmTotpSetup(
    rig.ctx,
    userId,
    "test",
    totpCode(setup.secret, rig.clock.now()),
  );
  assert.equal(result.type, "enabled");
  return {
    secret: setup.secret,
    recoveryCodes: result.type === "enabled" ? result.recoveryCodes : [],
  };
}

/** The next code the server will accept: one step later than any used so far. */
export function nextCode(rig: Rig, secret: string): string {
  rig.clock.advance(30_000);
  return totpCode(secret, rig.clock.now());
}

export async function liveSessionIds(rig: Rig, userId: string): Promise<string[]> {
  const rows = await rig.ctx.db
    .selectFrom("web_sessions")
    .select("id")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
  return rows.map((r) => r.id).sort();
}
