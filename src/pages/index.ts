// Server-rendered pages: /health, and `/` showing the landing page (pages/public/landing.ts)
// to visitors who are not signed in.
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { renderLanding } from "./public/landing.ts";

export const PAGE_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

export const pageRoutes = new Hono<Env>()
  // GET /health — 200 "OK" while the database answers, as Mastodon's /health.
  .get("/health", async (c) => {
    try {
      await c.var.ctx.database.ping();
    } catch {
      c.header("Cache-Control", "no-store");
      return c.text("Database unavailable", 503);
    }
    c.header("Cache-Control", "no-store");
    return c.text("OK");
  })
  // The landing page for visitors; the web app (pages/web-app.ts) takes `/` for signed-in ones.
  .get("/", (c) => renderLanding(c));
