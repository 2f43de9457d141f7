// /api/v1/timelines — https://docs.joinmastodon.org/methods/timelines/
// Home (the reader's materialized feed) and public (local, remote or both; only_media).
// Who may read the public timelines: the live feed access settings (feed-gate.ts).
// Paginated by status id with a Link header, 20 by default and 40 at most, as Mastodon.
import { Hono } from "hono";
import { homeTimeline } from "../../services/timelines/home-timeline.ts";
import { publicTimeline } from "../../services/timelines/public-timeline.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalBoolean, readParams } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";
import { feedScope } from "./feed-gate.ts";
import { presentStatuses } from "./statuses/present.ts";

export const timelineRoutes = new Hono<Env>()
  .get("/home", requireAuth({ scopes: ["read:statuses"] }), async (c) => {
    const user = currentUser(c);
    const page = readPage(await readParams(c));
    const { rows, regenerating } = await homeTimeline(c.var.ctx, user.accountId, page);
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    // 206: the home of a user back after a long absence is still being rebuilt (Mastodon).
    return c.json(
      await presentStatuses(c.var.ctx, rows, user.accountId, { filterContext: "home" }),
      regenerating ? 206 : 200,
    );
  })
  .get("/public", authorizeIfGotToken(["read:statuses"]), async (c) => {
    const params = await readParams(c);
    const page = readPage(params);
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const local = optionalBoolean(params, "local") ?? false;
    const remote = optionalBoolean(params, "remote") ?? false;
    // Mastodon: local wins when both are given. The access settings may narrow it (feed-gate).
    const scope = await feedScope(c, "live", local ? "local" : remote ? "remote" : "all");
    if (scope === null) return c.json([]);
    const rows = await publicTimeline(c.var.ctx, viewer, page, {
      scope,
      onlyMedia: optionalBoolean(params, "only_media") ?? false,
    });
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    return c.json(await presentStatuses(c.var.ctx, rows, viewer, { filterContext: "public" }));
  });
