// GET /.well-known/oauth-authorization-server (RFC 8414, Mastodon 4.3+) and /oauth/userinfo.
// Clients such as Phanpy read the metadata to decide on PKCE.
import { Hono } from "hono";
import { toAccount } from "../api/entities/account.ts";
import type { Env } from "../api/env.ts";
import { checkAuth } from "../api/middleware/auth.ts";
import { ALL_SCOPES } from "../domain/scopes.ts";
import { loadUserAccount } from "../services/oauth/userinfo.ts";

export const metadataRoutes = new Hono<Env>()
  .get("/.well-known/oauth-authorization-server", (c) => {
    const base = c.var.ctx.config.baseUrl;
    return c.json({
      issuer: `${base}/`,
      service_documentation: "https://docs.joinmastodon.org/",
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      revocation_endpoint: `${base}/oauth/revoke`,
      userinfo_endpoint: `${base}/oauth/userinfo`,
      scopes_supported: ALL_SCOPES,
      response_types_supported: ["code"],
      // Only `query`: the code always comes back in the redirect's query string.
      response_modes_supported: ["query"],
      code_challenge_methods_supported: ["S256"],
      grant_types_supported: ["authorization_code", "client_credentials", "password"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
  })
  .on(["GET", "POST"], "/oauth/userinfo", async (c) => {
    const auth = checkAuth(c, { scopes: ["profile"] });
    const account = await loadUserAccount(c.var.ctx, auth.user?.id ?? "");
    const base = c.var.ctx.config.baseUrl;
    const entity = toAccount(account, base);
    return c.json({
      iss: `${base}/`,
      sub: entity.uri,
      name: entity.display_name || entity.username,
      preferred_username: entity.username,
      profile: entity.url,
      picture: entity.avatar,
    });
  });
