// POST /api/v1/accounts — sign-up with an app token (write:accounts), as Mastodon. Answers a
// Token for the new user; the API refuses that token until the email address is confirmed.
import { Hono } from "hono";
import { forbidden } from "../../../lib/errors.ts";
import { signUp } from "../../../services/registrations/sign-up.ts";
import { validationMessage } from "../../../services/registrations/validation.ts";
import { clientIp } from "../../client-ip.ts";
import type { Env } from "../../env.ts";
import { checkAuth } from "../../middleware/auth.ts";
import { optionalString, type Params, readParams } from "../../params.ts";

/** Rails' acceptance rule as Mastodon configures it: true, "true" or "1". */
function accepted(params: Params): boolean {
  const value = params.agreement;
  return value === true || value === 1 || value === "true" || value === "1";
}

export const registerRoutes = new Hono<Env>().post("/", async (c) => {
  const auth = checkAuth(c, { scopes: ["write", "write:accounts"], user: false });
  // Sign-up is for apps acting for someone without an account yet, not for signed-in users.
  if (auth.user !== null) throw forbidden();
  const params = await readParams(c);
  const result = await signUp(c.var.ctx, {
    username: optionalString(params, "username") ?? "",
    email: optionalString(params, "email") ?? "",
    password: optionalString(params, "password") ?? "",
    agreement: accepted(params),
    locale: optionalString(params, "locale") || undefined,
    reason: optionalString(params, "reason") || undefined,
    // date_of_birth is only read when a minimum age is set, which Hearth has no setting for yet.
    inviteCode: optionalString(params, "invite_code") || undefined,
    applicationId: auth.applicationId,
    ip: clientIp(c),
  });
  if (result.type === "closed") throw forbidden();
  if (result.type === "invalid") {
    return c.json({ error: validationMessage(result.details), details: result.details }, 422);
  }
  return c.json({
    access_token: result.accessToken,
    token_type: "Bearer",
    scope: result.scopes,
    created_at: Math.floor(result.createdAt.getTime() / 1000),
  });
});
