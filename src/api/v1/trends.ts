// Trends — https://docs.joinmastodon.org/methods/trends/
//   GET /api/v1/trends/tags (and the older /api/v1/trends)  10 by default, 20 at most
//   GET /api/v1/trends/statuses                             20 by default, 40 at most
//   GET /api/v1/trends/links                                10 by default, 20 at most
// Public. Paginated by `offset`, with a Link header as Mastodon (next while pages are full,
// prev after the first).
import { type Context, Hono } from "hono";
import { listTrendingLinks } from "../../services/trends/list-links.ts";
import { listTrendingStatuses, listTrendingTags } from "../../services/trends/list-trends.ts";
import { toTrendsLink } from "../entities/preview-card.ts";
import { toTag } from "../entities/tag.ts";
import type { Env } from "../env.ts";
import { readOffsetPage, setOffsetLinks } from "../offset-page.ts";
import { readParams } from "../params.ts";
import { presentStatuses } from "./statuses/present.ts";

const viewer = (c: Context<Env>) => c.get("auth")?.user?.accountId ?? null;

async function tags(c: Context<Env>) {
  const page = readOffsetPage(await readParams(c), 10, 20);
  const found = await listTrendingTags(c.var.ctx, viewer(c), page);
  setOffsetLinks(c, page, found.length);
  return c.json(found.map((t) => toTag(t, c.var.ctx.config.baseUrl)));
}

export const trendRoutes = new Hono<Env>()
  .get("/", tags)
  .get("/tags", tags)
  .get("/statuses", async (c) => {
    const page = readOffsetPage(await readParams(c), 20, 40);
    const rows = await listTrendingStatuses(c.var.ctx, viewer(c), page);
    setOffsetLinks(c, page, rows.length);
    return c.json(await presentStatuses(c.var.ctx, rows, viewer(c)));
  })
  // Links trend from the preview cards of posts, shown once approved (hearth trends approve).
  .get("/links", async (c) => {
    const page = readOffsetPage(await readParams(c), 10, 20);
    const links = await listTrendingLinks(c.var.ctx, page);
    setOffsetLinks(c, page, links.length);
    return c.json(links.map((l) => toTrendsLink(l.card, l.history)));
  });
