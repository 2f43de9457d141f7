// GET /manifest.json: the web app manifest that makes Hearth installable as an app (a PWA):
// the server's title, the shipped icons (192 and 512 among them), the app's start page, a
// standalone window, theme colours matching the app's dark theme, and a share target that
// opens the composer with what was shared (the app's /share screen).
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { getInstanceInfo } from "../services/instance/get-instance-info.ts";
import { APP_ICON_SIZES, appIconName, assetUrl } from "./manifest.ts";

/** The dark theme's background and surface (web/src/styles/base.css). */
export const THEME_COLOR = "#1f2228";
export const BACKGROUND_COLOR = "#16181d";

/** Short names longer than this are cut on home screens; Mastodon keeps the title as is. */
const SHORT_NAME_MAX = 30;

export const webManifestRoutes = new Hono<Env>().get("/manifest.json", async (c) => {
  const { settings, baseUrl } = await getInstanceInfo(c.var.ctx);
  const manifest = {
    id: "/home",
    name: settings.title,
    short_name: [...settings.title].slice(0, SHORT_NAME_MAX).join(""),
    description: settings.description,
    icons: APP_ICON_SIZES.map((size) => ({
      src: assetUrl(baseUrl, appIconName(size)),
      sizes: `${size}x${size}`,
      type: "image/png",
      purpose: "any",
    })),
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    display: "standalone",
    start_url: "/home",
    scope: "/",
    share_target: {
      action: "/share",
      method: "GET",
      enctype: "application/x-www-form-urlencoded",
      params: { title: "title", text: "text", url: "url" },
    },
    shortcuts: [
      { name: "Notifications", url: "/notifications" },
      { name: "Explore", url: "/explore" },
    ],
  };
  c.header("Content-Type", "application/manifest+json; charset=utf-8");
  // The title may change; a few minutes of caching is plenty.
  c.header("Cache-Control", "public, max-age=300");
  return c.body(JSON.stringify(manifest));
});
