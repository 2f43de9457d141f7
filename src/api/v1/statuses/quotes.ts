// Quote posts (Mastodon 4.5) — https://docs.joinmastodon.org/methods/statuses/
//   GET  /api/v1/statuses/:id/quotes                              (read:statuses; the author)
//   POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke    (write:statuses; the author)
//   PUT  /api/v1/statuses/:id/interaction_policy                  (write:statuses; the author)
// Quoting itself is POST /api/v1/statuses `quoted_status_id` (index.ts).
import { type Context, Hono } from "hono";
import { forbidden, notFound, unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import type { QuoteResult } from "../../../services/quotes/common.ts";
import { listQuotes } from "../../../services/quotes/list-quotes.ts";
import { revokeQuote } from "../../../services/quotes/revoke-quote.ts";
import { updateInteractionPolicy } from "../../../services/quotes/update-interaction-policy.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { readPage, setPageLinks } from "../../pagination.ts";
import { optionalString, readParams } from "../../params.ts";
import { pathId } from "../relationships/respond.ts";
import { presentStatus, presentStatuses } from "./present.ts";

async function respond(c: Context<Env>, result: QuoteResult, viewerId: string) {
  if (result.type === "not-found") throw notFound();
  if (result.type === "forbidden") throw forbidden();
  if (result.type === "invalid") throw unprocessable(result.message);
  await enqueueDelivery(c.var.ctx, "quote", viewerId, result.federate);
  return c.json(await presentStatus(c.var.ctx, result.status, viewerId));
}

export const statusQuoteRoutes = new Hono<Env>()
  .get("/:id/quotes", requireAuth({ scopes: ["read:statuses"] }), async (c) => {
    const me = currentUser(c).accountId;
    // Mastodon: 20 by default, 40 at most.
    const page = readPage(await readParams(c), { defaultLimit: 20, maxLimit: 40 });
    const result = await listQuotes(c.var.ctx, me, pathId(c), page);
    if (result.type === "not-found") throw notFound();
    if (result.type === "forbidden") throw forbidden();
    setPageLinks(
      c,
      page,
      result.items.map((q) => q.cursor),
    );
    return c.json(
      await presentStatuses(
        c.var.ctx,
        result.items.map((q) => q.status),
        me,
      ),
    );
  })
  .post(
    "/:id/quotes/:quoting_status_id/revoke",
    requireAuth({ scopes: ["write:statuses"] }),
    async (c) => {
      const me = currentUser(c).accountId;
      const result = await revokeQuote(c.var.ctx, me, pathId(c), pathId(c, "quoting_status_id"));
      return respond(c, result, me);
    },
  )
  .put("/:id/interaction_policy", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const me = currentUser(c).accountId;
    const params = await readParams(c);
    const policy = optionalString(params, "quote_approval_policy") || undefined;
    const result = await updateInteractionPolicy(c.var.ctx, me, pathId(c), policy);
    return respond(c, result, me);
  });
