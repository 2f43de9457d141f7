// The root Hono app: cross-cutting middleware, then each surface mounted at its prefix, then
// the single error handler. Order matters: request id and security headers wrap everything;
// CORS answers preflights before rate limits count them.
import { Hono } from "hono";
import type { Env } from "./api/env.ts";
import { onError, onNotFound } from "./api/errors.ts";
import { apiRoutes } from "./api/index.ts";
import { resolveAuth } from "./api/middleware/auth.ts";
import { contentLengthLimit } from "./api/middleware/content-length-limit.ts";
import { apiCors, CORS_PATHS } from "./api/middleware/cors.ts";
import { API_THROTTLES, rateLimit } from "./api/middleware/rate-limit.ts";
import { requestId } from "./api/middleware/request-id.ts";
import { securityHeaders } from "./api/middleware/security-headers.ts";
import { assetRoutes } from "./assets/routes.ts";
import { webManifestRoutes } from "./assets/web-manifest.ts";
import type { AppContext } from "./context.ts";
import { discoveryRoutes } from "./federation/discovery/index.ts";
import { createFederation } from "./federation/federation.ts";
import { FEDERATION_PATHS, federationMiddleware } from "./federation/mount.ts";
import { mediaRoutes } from "./media/routes.ts";
import { oauthRoutes } from "./oauth/index.ts";
import { confirmationPage } from "./pages/auth/confirmation.ts";
import { inviteRoutes } from "./pages/auth/invite.ts";
import { passwordRoutes } from "./pages/auth/password.ts";
import { signInRoutes } from "./pages/auth/sign-in.ts";
import { signUpRoutes } from "./pages/auth/sign-up.ts";
import { pageRoutes } from "./pages/index.ts";
import { profileRoutes } from "./pages/profile.ts";
import { publicPageRoutes } from "./pages/public/index.ts";
import { serviceWorkerRoutes } from "./pages/service-worker.ts";
import { emailSettingsRoutes } from "./pages/settings/email.ts";
import { importExportRoutes } from "./pages/settings/import-export.ts";
import { settingsRoutes } from "./pages/settings/index.ts";
import { webAppRoutes } from "./pages/web-app.ts";

// The streaming API's WebSocket hangs off the Node server's `upgrade` event, not a route: the
// server's creators (cli/serve.ts, the test rig) attach it next to the app.
export { attachStreaming } from "./api/streaming/websocket.ts";

/** Largest request body at all: a video upload (Mastodon's limit is 99 MB) plus form overhead. */
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export function createApp(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>();
  app.use("*", async (c, next) => {
    c.set("ctx", ctx);
    await next();
  });
  app.use("*", requestId);
  app.use("*", securityHeaders);
  for (const path of CORS_PATHS) app.use(path, apiCors);
  // Tokens are resolved before rate limits, so limits count per user and token.
  app.use("/api/*", resolveAuth);
  app.use("/oauth/userinfo", resolveAuth);
  app.use("/api/*", rateLimit(API_THROTTLES));
  app.use("*", contentLengthLimit(MAX_REQUEST_BYTES));
  // ActivityPub (Fedify) before the routes: servers get JSON-LD, browsers fall through.
  const federation = federationMiddleware(createFederation(ctx));
  for (const path of FEDERATION_PATHS) app.use(path, federation);

  app.route("/", discoveryRoutes);
  app.route("/api", apiRoutes);
  app.route("/", assetRoutes);
  app.route("/", webManifestRoutes);
  app.route("/", serviceWorkerRoutes);
  app.route("/", mediaRoutes);
  app.route("/", confirmationPage);
  app.route("/", oauthRoutes);
  app.route("/", signInRoutes);
  app.route("/", signUpRoutes);
  app.route("/", inviteRoutes);
  app.route("/", passwordRoutes);
  app.route("/", settingsRoutes);
  app.route("/", emailSettingsRoutes);
  app.route("/", importExportRoutes);
  // The web app before the pages it stands in for when someone is signed in (`/`, profiles).
  app.route("/", webAppRoutes);
  app.route("/", pageRoutes);
  app.route("/", profileRoutes);
  app.route("/", publicPageRoutes);

  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
