// Security headers on every response. API and JSON responses get the strictest policy; HTML
// pages (later: the web app and public pages) set their own Content-Security-Policy.
import { createMiddleware } from "hono/factory";
import type { Env } from "../env.ts";

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; form-action 'none'";

export const securityHeaders = createMiddleware<Env>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "same-origin");
  headers.set("Permissions-Policy", "interest-cohort=()");
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", API_CSP);
  if (c.var.ctx.config.https) {
    headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
});
