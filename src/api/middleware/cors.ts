// CORS as Mastodon configures rack-cors: any origin, no credentials, on the API and the
// discovery documents that browser clients read (Phanpy calls /oauth/revoke, Elk reads
// /nodeinfo/2.0). See shared research mastodon-api.md §1.
import { cors } from "hono/cors";

export const CORS_PATHS = [
  "/api/*",
  "/oauth/token",
  "/oauth/revoke",
  "/oauth/userinfo",
  "/.well-known/*",
  "/nodeinfo/*",
];

export const apiCors = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  // allowHeaders unset: the browser's Access-Control-Request-Headers are echoed (any header).
  exposeHeaders: [
    "Link",
    "X-RateLimit-Reset",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-Request-Id",
  ],
  maxAge: 86400,
  credentials: false,
});
