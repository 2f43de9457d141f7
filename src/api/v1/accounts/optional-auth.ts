// Mastodon's `authorize_if_got_token!`: a public endpoint that anyone may call, but a token,
// if one is sent, must be valid and carry one of the scopes (an app's token will do).
import { createMiddleware } from "hono/factory";
import type { Env } from "../../env.ts";
import { bearerToken, checkAuth } from "../../middleware/auth.ts";

export function authorizeIfGotToken(scopes: string[]) {
  return createMiddleware<Env>(async (c, next) => {
    if (bearerToken(c) !== undefined) checkAuth(c, { scopes, user: false });
    await next();
  });
}
