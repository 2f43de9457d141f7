// POST /oauth/token and POST /oauth/revoke, with JSON or form bodies and the client's
// credentials in the body or in HTTP Basic. Errors are OAuth's {error, error_description}.
import { type Context, Hono } from "hono";
import { clientIp, isLoopbackAddress, rateLimitBucket } from "../api/client-ip.ts";
import type { Env } from "../api/env.ts";
import { optionalString, type Params, readParams } from "../api/params.ts";
import { authenticateClient, basicCredentials } from "../services/oauth/client-auth.ts";
import { revokeToken } from "../services/oauth/revoke.ts";
import { issueToken } from "../services/oauth/token.ts";

type C = Context<Env>;

function clientCredentials(c: C, params: Params) {
  return (
    basicCredentials(c.req.header("authorization")) ?? {
      clientId: optionalString(params, "client_id"),
      clientSecret: optionalString(params, "client_secret"),
    }
  );
}

function throttleKey(c: C): string | null {
  const ip = clientIp(c);
  if (ip !== null && isLoopbackAddress(ip)) return null;
  return ip === null ? "unknown" : rateLimitBucket(ip);
}

export const tokenRoutes = new Hono<Env>()
  .post("/oauth/token", async (c) => {
    const params = await readParams(c);
    const app = await authenticateClient(c.var.ctx, clientCredentials(c, params));
    const token = await issueToken(c.var.ctx, app, {
      grantType: optionalString(params, "grant_type"),
      code: optionalString(params, "code"),
      redirectUri: optionalString(params, "redirect_uri"),
      codeVerifier: optionalString(params, "code_verifier"),
      scope: optionalString(params, "scope"),
      username: optionalString(params, "username"),
      password: optionalString(params, "password"),
      ipKey: throttleKey(c),
    });
    // RFC 6749 §5.1: a response with a token is never cached.
    c.header("Cache-Control", "no-store");
    c.header("Pragma", "no-cache");
    return c.json(token);
  })
  .post("/oauth/revoke", async (c) => {
    const params = await readParams(c);
    const app = await authenticateClient(c.var.ctx, clientCredentials(c, params));
    await revokeToken(c.var.ctx, app, optionalString(params, "token"));
    return c.json({});
  });
