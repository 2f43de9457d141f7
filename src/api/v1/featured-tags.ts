// Featured hashtags — https://docs.joinmastodon.org/methods/featured_tags/
//   GET    /api/v1/featured_tags              one's own, most used first (read:accounts)
//   POST   /api/v1/featured_tags              feature `name`, at most ten (write:accounts)
//   DELETE /api/v1/featured_tags/:id          (write:accounts); anyone else's is a 404
//   GET    /api/v1/featured_tags/suggestions  one's most used tags, as Tags (read:accounts)
//   GET    /api/v1/accounts/:id/featured_tags anyone's, public
import { Hono } from "hono";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { createFeaturedTag } from "../../services/tags/feature-tag.ts";
import {
  listAccountFeaturedTags,
  listOwnFeaturedTags,
} from "../../services/tags/list-featured-tags.ts";
import { suggestFeaturedTags } from "../../services/tags/suggest-featured-tags.ts";
import { removeFeaturedTag } from "../../services/tags/unfeature-tag.ts";
import { toFeaturedTag, toTag } from "../entities/tag.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { optionalString, readParams } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";
import { pathId } from "./relationships/respond.ts";

const read = requireAuth({ scopes: ["read:accounts"] });
const write = requireAuth({ scopes: ["write:accounts"] });

export const featuredTagRoutes = new Hono<Env>()
  .get("/", read, async (c) => {
    const list = await listOwnFeaturedTags(c.var.ctx, currentUser(c).accountId);
    return c.json(list.map((f) => toFeaturedTag(f, c.var.ctx.config.baseUrl)));
  })
  .get("/suggestions", read, async (c) => {
    const tags = await suggestFeaturedTags(c.var.ctx, currentUser(c).accountId);
    return c.json(tags.map((t) => toTag(t, c.var.ctx.config.baseUrl)));
  })
  .post("/", write, async (c) => {
    const name = optionalString(await readParams(c), "name");
    const me = currentUser(c).accountId;
    const result = await createFeaturedTag(c.var.ctx, me, name);
    if (result.type === "invalid-name") throw unprocessable("Validation failed: Name is invalid");
    if (result.type === "invalid") throw unprocessable(result.message);
    await enqueueDelivery(c.var.ctx, "featured-tag", me, result.federate);
    return c.json(toFeaturedTag(result.value, c.var.ctx.config.baseUrl));
  })
  .delete("/:id", write, async (c) => {
    const me = currentUser(c).accountId;
    const removed = await removeFeaturedTag(c.var.ctx, me, pathId(c));
    if (removed === undefined) throw notFound();
    await enqueueDelivery(c.var.ctx, "featured-tag", me, removed.federate);
    return c.json({});
  });

export const accountFeaturedTagRoutes = new Hono<Env>().get(
  "/:id/featured_tags",
  authorizeIfGotToken([]),
  async (c) => {
    const list = await listAccountFeaturedTags(c.var.ctx, pathId(c));
    if (list === undefined) throw notFound();
    return c.json(list.map((f) => toFeaturedTag(f, c.var.ctx.config.baseUrl)));
  },
);
