// GET /api/v1/instance/peers — https://docs.joinmastodon.org/methods/instance/#peers
import { Hono } from "hono";
import { getInstancePeers } from "../../../services/instance/instance-lists.ts";
import type { Env } from "../../env.ts";

export const peersRoute = new Hono<Env>().get("/peers", async (c) => {
  const domains = await getInstancePeers(c.var.ctx);
  // Mastodon caches this for a day: crawlers fetch it from every server they find.
  c.header("Cache-Control", "public, max-age=86400");
  return c.json(domains);
});
