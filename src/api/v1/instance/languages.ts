// GET /api/v1/instance/languages — Mastodon 4.2 (no docs page; mastodon/mastodon#24443).
// The languages a post can be tagged with, for the composer's picker: [{code, name}].
import { Hono } from "hono";
import { listLanguages } from "../../../domain/languages.ts";
import type { Env } from "../../env.ts";

export const languagesRoute = new Hono<Env>().get("/languages", (c) => {
  c.header("Cache-Control", "public, max-age=86400");
  return c.json(listLanguages());
});
