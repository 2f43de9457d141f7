// GET /api/v1/instance/domain_blocks — https://docs.joinmastodon.org/methods/instance/#domain_blocks
// The server's domain blocks with user-facing limitations (`hearth domain-blocks`), as
// Mastodon's DomainBlock entities: obfuscated names where asked, the SHA-256 digest of the
// real name, the public comment.
import { Hono } from "hono";
import { listPublicDomainBlocks } from "../../../services/instance-domain-blocks/list-blocks.ts";
import type { Env } from "../../env.ts";

export const domainBlocksRoute = new Hono<Env>().get("/domain_blocks", async (c) => {
  c.header("Cache-Control", "public, max-age=180");
  return c.json(await listPublicDomainBlocks(c.var.ctx));
});
