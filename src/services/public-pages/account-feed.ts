// An account's RSS feed: its 20 newest public posts (repos/public-pages.ts), hydrated as an
// anonymous viewer sees them.
import type { AppContext } from "../../context.ts";
import { listPublicFeedStatuses } from "../../repos/public-pages.ts";
import { type LoadedStatus, loadStatuses } from "../statuses/load-statuses.ts";

export const FEED_ITEMS = 20;

export async function loadAccountFeed(ctx: AppContext, accountId: string): Promise<LoadedStatus[]> {
  return loadStatuses(ctx, await listPublicFeedStatuses(ctx.db, accountId, FEED_ITEMS), null);
}
