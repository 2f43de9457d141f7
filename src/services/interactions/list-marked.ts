// One's favourites and bookmarks — https://docs.joinmastodon.org/methods/favourites/ and
// https://docs.joinmastodon.org/methods/bookmarks/
// Newest mark first, paginated by the favourite or bookmark row id (the Link header's cursor),
// and only statuses still visible to the owner (domain/visibility.ts).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listMarkedStatuses, type MarkedStatus } from "../../repos/status-interactions.ts";

export type { MarkedStatus };

export async function listFavourites(
  ctx: AppContext,
  actorId: string,
  page: Page,
): Promise<MarkedStatus[]> {
  return listMarkedStatuses(ctx.db, "favourites", actorId, page);
}

export async function listBookmarks(
  ctx: AppContext,
  actorId: string,
  page: Page,
): Promise<MarkedStatus[]> {
  return listMarkedStatuses(ctx.db, "bookmarks", actorId, page);
}
