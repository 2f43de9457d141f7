// User-level domain blocks — https://docs.joinmastodon.org/methods/domain_blocks/
//   GET    /api/v1/domain_blocks  the blocked domains (strings), newest first, Link pagination
//   POST   /api/v1/domain_blocks  domain=…  block it (and end follows with it), answers {}
//   DELETE /api/v1/domain_blocks  domain=…  unblock it, answers {}
import { Hono } from "hono";
import { unprocessable } from "../../lib/errors.ts";
import { blockDomain } from "../../services/domain-blocks/block-domain.ts";
import { listDomainBlocks } from "../../services/domain-blocks/list-domain-blocks.ts";
import { unblockDomain } from "../../services/domain-blocks/unblock-domain.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalString, readParams } from "../params.ts";

export const domainBlockRoutes = new Hono<Env>()
  .get("/", requireAuth({ scopes: ["read:blocks"] }), async (c) => {
    // Mastodon: 100 by default, 200 at most.
    const page = readPage(await readParams(c), { defaultLimit: 100, maxLimit: 200 });
    const listed = await listDomainBlocks(c.var.ctx, currentUser(c).accountId, page);
    setPageLinks(
      c,
      page,
      listed.map((l) => l.cursor),
    );
    return c.json(listed.map((l) => l.domain));
  })
  .post("/", requireAuth({ scopes: ["write:blocks"] }), async (c) => {
    const domain = optionalString(await readParams(c), "domain");
    const me = currentUser(c).accountId;
    const result = await blockDomain(c.var.ctx, me, domain);
    if (result.type === "invalid") throw unprocessable(result.message);
    // The Undo(Follow) / Reject(Follow) of every follow across the blocked domain.
    await enqueueDelivery(c.var.ctx, "relationship", me, result.federate);
    return c.json({});
  })
  .delete("/", requireAuth({ scopes: ["write:blocks"] }), async (c) => {
    const domain = optionalString(await readParams(c), "domain");
    const result = await unblockDomain(c.var.ctx, currentUser(c).accountId, domain);
    if (result.type === "invalid") throw unprocessable(result.message);
    return c.json({});
  });
