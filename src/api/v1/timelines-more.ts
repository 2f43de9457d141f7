// /api/v1/timelines: hashtag, list and link timelines (home and public are in timelines.ts).
//   tag/:hashtag  https://docs.joinmastodon.org/methods/timelines/#tag  (any[], all[], none[],
//                 local, remote, only_media; public like /public)
//   list/:list_id https://docs.joinmastodon.org/methods/timelines/#list (the owner only: 404)
//   link?url=     https://docs.joinmastodon.org/methods/timelines/#link
// The hashtag and link timelines follow the topic feed access settings (feed-gate.ts).
// The viewer's `hide` filters drop statuses after the page query: a page may be shorter than
// `limit`, and its Link header still continues from the page's own ids.
import { Hono } from "hono";
import { notFound } from "../../lib/errors.ts";
import { listTimeline } from "../../services/lists/list-feed.ts";
import { tagTimeline } from "../../services/timelines/tag-timeline.ts";
import { linkTimeline } from "../../services/trends/list-links.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { readPage, setPageLinks } from "../pagination.ts";
import { optionalBoolean, optionalString, readParams, stringList } from "../params.ts";
import { authorizeIfGotToken } from "./accounts/optional-auth.ts";
import { feedScope } from "./feed-gate.ts";
import { pathId } from "./relationships/respond.ts";
import { presentStatuses } from "./statuses/present.ts";

export const moreTimelineRoutes = new Hono<Env>()
  .get("/tag/:hashtag", authorizeIfGotToken(["read:statuses"]), async (c) => {
    const params = await readParams(c);
    const page = readPage(params);
    const viewer = c.get("auth")?.user?.accountId ?? null;
    const local = optionalBoolean(params, "local") ?? false;
    const remote = optionalBoolean(params, "remote") ?? false;
    const scope = await feedScope(c, "topic", local ? "local" : remote ? "remote" : "all");
    if (scope === null) return c.json([]);
    const rows = await tagTimeline(c.var.ctx, viewer, page, {
      tag: c.req.param("hashtag"),
      any: stringList(params, "any"),
      all: stringList(params, "all"),
      none: stringList(params, "none"),
      scope,
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
    const params = await readParams(c);
    const page = readPage(params);
    const viewer = c.get("auth")?.user?.accountId ?? null;
    // The link timeline is a topic feed: its access settings apply (Mastodon's links controller).
    const scope = await feedScope(c, "topic", "all");
    // Then, as Mastodon: 404 unless the URL is a trending link a moderator approved.
    const url = optionalString(params, "url") ?? "";
    const rows = await linkTimeline(c.var.ctx, viewer, url, page, scope ?? "none");
    if (rows === undefined) throw notFound();
    setPageLinks(
      c,
      page,
      rows.map((r) => r.id),
    );
    return c.json(await presentStatuses(c.var.ctx, rows, viewer, { filterContext: "public" }));
  });
