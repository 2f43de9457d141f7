// Hashtags — https://docs.joinmastodon.org/methods/tags/
//   GET  /api/v1/tags/:name                public; following / featuring with a user token
//   POST /api/v1/tags/:name/{follow,unfollow}     (write:follows)
//   POST /api/v1/tags/:name/{feature,unfeature}   (write:accounts, Mastodon 4.4)
//   GET  /api/v1/followed_tags             newest follow first, Link by follow id (read:follows)
// A name that cannot be a hashtag is a 404 everywhere, as Mastodon. Each answers with the Tag.
import { type Context, Hono } from "hono";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import type { LoadedTag } from "../../services/tags/common.ts";
import { featureTag } from "../../services/tags/feature-tag.ts";
import { followTag } from "../../services/tags/follow-tag.ts";
import { getTag } from "../../services/tags/get-tag.ts";
import { listFollowedTags } from "../../services/tags/list-followed-tags.ts";
import { unfeatureTag } from "../../services/tags/unfeature-tag.ts";
import { unfollowTag } from "../../services/tags/unfollow-tag.ts";
import { toTag } from "../entities/tag.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { readParams } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";

const follows = requireAuth({ scopes: ["write:follows"] });
const accounts = requireAuth({ scopes: ["write:accounts"] });

function respond(c: Context<Env>, tag: LoadedTag | undefined): Response {
  if (tag === undefined) throw notFound();
  return c.json(toTag(tag, c.var.ctx.config.baseUrl));
}

const name = (c: Context<Env>) => c.req.param("name") ?? "";

export const tagRoutes = new Hono<Env>()
  // Mastodon asks no scope here: any valid token shows its user's flags.
  .get("/:name", authorizeIfGotToken([]), async (c) => {
    const viewer = c.get("auth")?.user?.accountId ?? null;
    return respond(c, await getTag(c.var.ctx, viewer, name(c)));
  })
  .post("/:name/follow", follows, async (c) =>
    respond(c, await followTag(c.var.ctx, currentUser(c).accountId, name(c))),
  )
  .post("/:name/unfollow", follows, async (c) =>
    respond(c, await unfollowTag(c.var.ctx, currentUser(c).accountId, name(c))),
  )
  .post("/:name/feature", accounts, async (c) => {
    const me = currentUser(c).accountId;
    const result = await featureTag(c.var.ctx, me, name(c));
    if (result.type === "invalid-name") throw notFound();
    if (result.type === "invalid") throw unprocessable(result.message);
    await enqueueDelivery(c.var.ctx, "featured-tag", me, result.federate);
    return respond(c, result.value);
  })
  .post("/:name/unfeature", accounts, async (c) => {
    const me = currentUser(c).accountId;
    const result = await unfeatureTag(c.var.ctx, me, name(c));
    await enqueueDelivery(c.var.ctx, "featured-tag", me, result?.federate);
    return respond(c, result?.tag);
  });

export const followedTagRoutes = new Hono<Env>().get(
  "/",
  requireAuth({ scopes: ["read:follows"] }),
  async (c) => {
    // Mastodon: 100 by default, 200 at most.
    const page = readPage(await readParams(c), { defaultLimit: 100, maxLimit: 200 });
    const { cursors, tags } = await listFollowedTags(c.var.ctx, currentUser(c).accountId, page);
    setPageLinks(c, page, cursors);
    return c.json(tags.map((t) => toTag(t, c.var.ctx.config.baseUrl)));
  },
);
