// POST /api/v1/apps (register a client) and GET /api/v1/apps/verify_credentials.
import { Hono } from "hono";
import { notFound } from "../../../lib/errors.ts";
import { findApplication } from "../../../repos/oauth.ts";
import { registerApp } from "../../../services/oauth/register-app.ts";
import { toApplication, toCredentialApplication } from "../../entities/application.ts";
import type { Env } from "../../env.ts";
import { requireAuth } from "../../middleware/auth.ts";
import { rateLimit } from "../../middleware/rate-limit.ts";
import { optionalString, readParams, stringList } from "../../params.ts";

/**
 * Mastodon has no throttle of its own here (only the 300 / 5 min of all unauthenticated
 * calls); a registration writes a row, so one address may register 30 apps per 5 minutes.
 */
const APP_REGISTRATION_THROTTLE = rateLimit([
  { name: "app_registration", limit: 30, periodMs: 5 * 60_000, key: (_c, ip) => ip },
]);

export const appsRoutes = new Hono<Env>()
  .post("/", APP_REGISTRATION_THROTTLE, async (c) => {
    const params = await readParams(c);
    // A string (newline- or space-separated) or, since Mastodon 4.3, a list.
    const raw = params.redirect_uris;
    const redirectUris =
      typeof raw === "string"
        ? raw
        : raw === undefined || raw === null
          ? ""
          : stringList(params, "redirect_uris");
    const { app, clientSecret } = await registerApp(c.var.ctx, {
      name: optionalString(params, "client_name"),
      redirectUris,
      scopes: optionalString(params, "scopes"),
      website: optionalString(params, "website"),
    });
    return c.json(
      toCredentialApplication(app, clientSecret, c.var.ctx.secrets.vapidPublicKey ?? ""),
    );
  })
  // Any valid token, an app's or a user's, of any scope.
  .get("/verify_credentials", requireAuth({ scopes: [], user: false }), async (c) => {
    const app = await findApplication(c.var.ctx.db, c.var.auth?.applicationId ?? "");
    if (app === undefined) throw notFound();
    return c.json(toApplication(app, c.var.ctx.secrets.vapidPublicKey ?? ""));
  });
