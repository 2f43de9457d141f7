// The web app (web/, built by Vite into web/dist) served to signed-in browsers: `/`, the app's
// own paths, and — for a signed-in person — profile, post and hashtag URLs, which the public
// pages (pages/public/) answer for everyone else. The page carries its initial state as JSON
// (instance domain, the session's access token, the account id) and the CSRF token of the
// sign-out form; its CSP allows no inline script. Built files under /assets/ are immutable.
import { readFile, stat } from "node:fs/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { Context, Next } from "hono";
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { findUserAccount } from "../repos/oauth.ts";
import { webAppToken } from "../services/web-app/web-app-token.ts";
import { currentSession, formToken } from "./auth/web.ts";
import { wantsActivityPub } from "./profile.ts";
import { renderLanding } from "./public/index.ts";

type C = Context<Env>;

export const WEB_DIST = new URL("../../web/dist/", import.meta.url);

/**
 * First path segments of the app's own screens (web/src/routes.ts). A signed-out visitor
 * there is sent to sign in and back. Add a line when a screen gets a new first segment.
 */
export const APP_PATHS = [
  "/home",
  "/notifications",
  "/explore",
  "/search",
  "/public",
  "/conversations",
  "/bookmarks",
  "/favourites",
  "/lists",
  "/followed_tags",
  "/follow_requests",
  "/directory",
  "/compose",
  "/scheduled_statuses",
  "/filters",
  "/mutes",
  "/blocks",
  "/domain_blocks",
  "/keyboard-shortcuts",
  "/share",
];

const YEAR = 365 * 24 * 60 * 60;

export function webAppCsp(baseUrl: string): string {
  const socket = baseUrl.replace(/^http/, "ws");
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Media come from this server and, for remote posts, from other servers.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self'",
    `connect-src 'self' ${socket}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join("; ");
}

let shell: { mtimeMs: number; html: string } | undefined;

/** web/dist/index.html, read again when a new build replaced it; null when not built. */
async function appShell(): Promise<string | null> {
  const file = new URL("index.html", WEB_DIST);
  try {
    const { mtimeMs } = await stat(file);
    if (shell?.mtimeMs !== mtimeMs) shell = { mtimeMs, html: await readFile(file, "utf8") };
    return shell.html;
  } catch {
    return null;
  }
}

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The app page for the signed-in session, or null when there is none (the caller falls back). */
async function renderApp(c: C): Promise<Response | null> {
  const session = await currentSession(c);
  if (session === null) return null;
  const ctx = c.var.ctx;
  const account = await findUserAccount(ctx.db, session.user_id);
  if (account === undefined) return null;
  const template = await appShell();
  c.header("Cache-Control", "no-store");
  if (template === null) {
    return c.text("The web app is not built yet: run `npm run build -w web`.", 503);
  }
  const state = {
    domain: ctx.config.domain,
    access_token: await webAppToken(ctx, session),
    me: String(account.id),
  };
  const head = [
    `<meta name="csrf-token" content="${escapeAttribute(await formToken(c))}" />`,
    `<script type="application/json" id="initial-state">${jsonForScript(state)}</script>`,
  ].join("\n    ");
  c.header("Content-Security-Policy", webAppCsp(ctx.config.baseUrl));
  c.header("Referrer-Policy", "same-origin");
  // A function, so no `$&`-style pattern in the values is ever interpreted.
  return c.html(template.replace("</head>", () => `    ${head}\n  </head>`));
}

/** The app for a signed-in browser; otherwise whatever route comes next (public pages). */
async function appOrNext(c: C, next: Next) {
  if (wantsActivityPub(c.req.header("accept"))) return next();
  const page = await renderApp(c);
  if (page === null) return next();
  return page;
}

/** The app's own screens: signed-out visitors go to sign in and come back. */
async function appOrSignIn(c: C) {
  const page = await renderApp(c);
  if (page !== null) return page;
  const back = new URL(c.req.url);
  return c.redirect(
    `/auth/sign_in?return_to=${encodeURIComponent(`${back.pathname}${back.search}`)}`,
    302,
  );
}

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  webp: "image/webp",
  woff2: "font/woff2",
  json: "application/json",
  webmanifest: "application/manifest+json",
};

interface BuiltFile {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}
const files = new Map<string, BuiltFile>();
const COMPRESSIBLE = new Set(["js", "css", "svg", "json", "webmanifest"]);

/** GET /assets/<hashed name>: Vite's output, named by content hash, so cached for a year. */
async function serveBuiltAsset(c: C, next: Next) {
  const name = c.req.param("file") ?? "";
  const extension = name.split(".").pop() ?? "";
  const type = CONTENT_TYPES[extension];
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".") || type === undefined) return next();
  let file = files.get(name);
  if (file === undefined) {
    try {
      file = { body: await readFile(new URL(`assets/${name}`, WEB_DIST)) };
    } catch {
      return next();
    }
    files.set(name, file);
  }
  c.header("Content-Type", type);
  c.header("Cache-Control", `public, max-age=${YEAR}, immutable`);
  c.header("Vary", "Accept-Encoding");
  // The first-load budget counts compressed bytes: compress once, keep the result.
  const accepts = c.req.header("accept-encoding") ?? "";
  if (COMPRESSIBLE.has(extension) && file.body.length > 1024) {
    if (/\bbr\b/.test(accepts)) {
      file.br ??= brotliCompressSync(file.body);
      c.header("Content-Encoding", "br");
      return c.body(new Uint8Array(file.br));
    }
    if (/\bgzip\b/.test(accepts)) {
      file.gzip ??= gzipSync(file.body, { level: 9 });
      c.header("Content-Encoding", "gzip");
      return c.body(new Uint8Array(file.gzip));
    }
  }
  return c.body(new Uint8Array(file.body));
}

export const webAppRoutes = new Hono<Env>()
  .get("/", async (c) => (await renderApp(c)) ?? renderLanding(c))
  .get("/assets/:file{[^/]+}", serveBuiltAsset)
  // Profiles, posts and hashtags open in the app for a signed-in person (as on Mastodon).
  .get("/:handle{@[^/.]+(?:@[^/]+)?}", appOrNext)
  .get("/:handle{@[^/]+}/:id{[0-9]+}", appOrNext)
  .get("/tags/:name{[^/.]+}", appOrNext)
  // The app's settings screens; the server's own settings pages are mounted before this.
  .get("/settings/*", appOrSignIn);

for (const path of APP_PATHS) {
  webAppRoutes.get(path, appOrSignIn);
  webAppRoutes.get(`${path}/*`, appOrSignIn);
}
