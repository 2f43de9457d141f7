// GET /api/v1/instance/translation_languages
// https://docs.joinmastodon.org/methods/instance/#translation_languages
import { Hono } from "hono";
import type { Env } from "../../env.ts";

// Source language → target languages. Translation is not offered (v2 instance says
// `translation.enabled: false`), so there are none, which Mastodon answers with {}.
export const translationLanguagesRoute = new Hono<Env>().get("/translation_languages", (c) => {
  c.header("Cache-Control", "public, max-age=86400");
  return c.json({});
});
