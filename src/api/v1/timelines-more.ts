// /api/v1/timelines: hashtag, list and link timelines (home and public are in timelines.ts).
//   tag/:hashtag  https://docs.joinmastodon.org/methods/timelines/#tag  (any[], all[], none[],
//                 local, remote, only_media; public like /public)
//   list/:list_id https://docs.joinmastodon.org/methods/timelines/#list (the owner only: 404)
//   link?url=     https://docs.joinmastodon.org/methods/timelines/#link
// The viewer's `hide` filters drop statuses after the page query: a page may be shorter than
// `limit`, and its Link header still continues from the page's own ids.
import { Hono } from "hono";
import { notFound } from "../../lib/errors.ts";
import { listTimeline } from "../../services/lists/list-feed.ts";
import { tagTimeline } from "../../services/timelines/tag-timeline.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalBoolean, optionalString, readParams, stringList } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";
import { pathId } from "./relationships/respond.ts";
import { presentStatuses } from "./statuses/present.ts";

export const moreTimelineRoutes = new Hono<Env>()
  .get("/tag/:hashtag", authorizeIfGotToken(["read:statuses"]), async (c) => {
    const params = await readParams(c);
    const page = readPage(params);
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const local = optionalBoolean(params, "local") ?? false;
    const remote = optionalBoolean(params, "remote") ?? false;
    const rows = await tagTimeline(c.var.ctx, viewer, page, {
      tag: c.req.param("hashtag"),
      any: stringList(params, "any"),
      all: stringList(params, "all"),
      none: stringList(params, "none"),
      scope: local ? "local" : remote ? "remote" : "all",
      onlyMedia: optionalBoolean(params, "only_media") ?? false,
    });
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    return c.json(await presentStatuses(c.var.ctx, rows, viewer, { filterContext: "public" }));
  })
  .get("/list/:list_id", requireAuth({ scopes: ["read:lists"] }), async (c) => {
    const me = currentUser(c).accountId;
    const page = readPage(await readParams(c));
    const rows = await listTimeline(c.var.ctx, me, pathId(c, "list_id"), page);
    if (rows === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    return c.json(await presentStatuses(c.var.ctx, rows, me, { filterContext: "home" }));
  })
  .get("/link", authorizeIfGotToken(["read:statuses"]), async (c) => {
    optionalString(await readParams(c), "url");
    // Posts sharing a trending link need preview cards and link trends, which Hearth does not
    // have yet (discovery, issue 5): no link is trending, so the timeline is empty.
    return c.json([]);
  });
