// GET /api/v1/timelines/public — https://docs.joinmastodon.org/methods/timelines/#public
// Public posts of this server (`local`), of others (`remote`) or both, optionally only those
// with media. Who may read them (Mastodon 4.5's timelines_access settings) is the caller's check.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findPublicStatuses, type PublicTimelineQuery } from "../../repos/public-timeline.ts";
import type { StatusRow } from "../statuses/common.ts";

export function publicTimeline(
  ctx: AppContext,
  readerId: string | null,
  page: Page,
  query: PublicTimelineQuery,
): Promise<StatusRow[]> {
  return findPublicStatuses(ctx.db, readerId, page, query, ctx.clock.now().toISOString());
}
