// The OAuth 2 server as Mastodon runs it (Doorkeeper): authorize (HTML), token, revoke,
// userinfo, the RFC 8414 metadata, and the page where a person revokes apps. App registration is in the API (api/v1/apps).
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { authorizedApplicationsRoutes } from "../pages/oauth/authorized-applications.ts";
import { authorizeRoutes } from "./authorize.ts";
import { metadataRoutes } from "./metadata.ts";
import { tokenRoutes } from "./token.ts";

export const oauthRoutes = new Hono<Env>()
  .route("/", authorizeRoutes)
  .route("/", tokenRoutes)
  .route("/", metadataRoutes)
  .route("/", authorizedApplicationsRoutes);
