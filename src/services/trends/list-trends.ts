// GET /api/v1/trends/tags and /api/v1/trends/statuses — https://docs.joinmastodon.org/methods/trends/
// What the last trends.refresh scored, best first: tags unless a moderator rejected them,
// statuses only once a moderator approved them (as Mastodon), through the visibility rule.
import type { AppContext } from "../../context.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import { findTrendingStatuses, findTrendingTags } from "../../repos/trends.ts";
import { type LoadedTag, loadTags, tagRef } from "../tags/common.ts";

export interface OffsetPage {
  limit: number;
  offset: number;
}

export async function listTrendingTags(
  ctx: AppContext,
  viewerId: string | null,
  page: OffsetPage,
): Promise<LoadedTag[]> {
  const rows = await findTrendingTags(ctx.db, page);
  return loadTags(ctx, rows.map(tagRef), viewerId);
}

export function listTrendingStatuses(
  ctx: AppContext,
  viewerId: string | null,
  page: OffsetPage,
): Promise<StatusRow[]> {
  return findTrendingStatuses(ctx.db, viewerId, page);
}
