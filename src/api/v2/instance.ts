// GET /api/v2/instance — https://docs.joinmastodon.org/methods/instance/#v2
// What Phanpy, Elk and masto.js read first: limits, streaming URL, registrations, contact.
import { Hono } from "hono";
import { getPublicInstance } from "../../services/instance/get-public-instance.ts";
import { toInstance } from "../entities/instance.ts";
import type { Env } from "../env.ts";

export const instanceV2Routes = new Hono<Env>().get("/", async (c) => {
  const instance = await getPublicInstance(c.var.ctx);
  // Public and the same for everyone; Mastodon lets caches keep it for three minutes.
  c.header("Cache-Control", "public, max-age=180");
  return c.json(toInstance(instance));
});
