// Server-rendered pages. For now: /health and a plain home page saying what this server is;
// the web app issue replaces the home page with the app and adds public profiles and posts.
import { Hono } from "hono";
import { html } from "hono/html";
import type { Env } from "../api/env.ts";
import { appIconName, assetUrl } from "../assets/manifest.ts";
import { getInstanceInfo } from "../services/instance/get-instance-info.ts";

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
  .get("/", async (c) => {
    const info = await getInstanceInfo(c.var.ctx);
    c.header("Content-Security-Policy", PAGE_CSP);
    const { settings, stats, rules, software } = info;
    // hono/html escapes every interpolated value. (No JSX: Node's type stripping runs .ts only.)
    return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${settings.title}</title>
    <link rel="icon" href="${assetUrl(c.var.ctx.config.baseUrl, appIconName(48))}" />
    <style>
      body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5 }
    </style>
  </head>
  <body>
    <h1>${settings.title}</h1>
    <p>${settings.description}</p>
    <p>${stats.userCount} people, ${stats.statusCount} posts, connected to ${stats.domainCount} servers.</p>
    ${
      rules.length > 0
        ? html`<h2>Rules</h2>
    <ol>
      ${rules.map((rule) => html`<li>${rule.text}</li>`)}
    </ol>`
        : ""
    }
    <p>Use any Mastodon app with the server <strong>${c.var.ctx.config.domain}</strong>.</p>
    <p><small>Hearth ${software.version}</small></p>
  </body>
</html>`);
  });
