// GET /api/v1/custom_emojis — https://docs.joinmastodon.org/methods/custom_emojis/
// Public: the enabled local emoji, with a short public cache as Mastodon sends.
import { Hono } from "hono";
import { listCustomEmojis } from "../../services/emojis/list-emojis.ts";
import { toCustomEmoji } from "../entities/custom-emoji.ts";
import type { Env } from "../env.ts";

export const customEmojiRoutes = new Hono<Env>().get("/", async (c) => {
  const rows = await listCustomEmojis(c.var.ctx);
  c.header("Cache-Control", "public, max-age=180");
  return c.json(rows.map((r) => toCustomEmoji(r, c.var.ctx.storage.url)));
});
