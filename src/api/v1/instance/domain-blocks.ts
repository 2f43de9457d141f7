// GET /api/v1/instance/domain_blocks — https://docs.joinmastodon.org/methods/instance/#domain_blocks
import { Hono } from "hono";
import type { Env } from "../../env.ts";

// @TODO: the moderation work adds domain blocks and the setting to publish them; this then
// lists the published ones (DomainBlock entities). With none published Mastodon answers [].
export const domainBlocksRoute = new Hono<Env>().get("/domain_blocks", (c) => {
  c.header("Cache-Control", "public, max-age=180");
  return c.json([]);
});
