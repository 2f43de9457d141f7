// GET /sw.js: the web app's service worker (web/src/sw.ts, built by Vite to web/dist/sw.js). It
// lives at the root so its scope is the whole site; browsers revalidate it on every visit
// (no-cache), so a new build takes over on the next page load. It shows Web Push messages
// and opens the app at the notification when one is clicked.
import { readFile } from "node:fs/promises";
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { errorResponse } from "../api/errors.ts";
import { WEB_DIST } from "./web-app.ts";

export const serviceWorkerRoutes = new Hono<Env>().get("/sw.js", async (c) => {
  let body: Buffer;
  try {
    body = await readFile(new URL("sw.js", WEB_DIST));
  } catch {
    return errorResponse(c, 404, "Record not found");
  }
  c.header("Content-Type", "text/javascript; charset=utf-8");
  c.header("Cache-Control", "no-cache");
  c.header("Service-Worker-Allowed", "/");
  // A worker runs under its script's CSP: it may only fetch from us (the notification it shows).
  c.header("Content-Security-Policy", "default-src 'none'; connect-src 'self'");
  return c.body(new Uint8Array(body));
});
