// Keeping home feeds true when relationships change (Mastodon's merge/unmerge): following
// someone brings in their recent posts, unfollowing, blocking or muting takes theirs out.
// Relationship services enqueue these as jobs in their own transaction (enqueueFeedChange);
// the jobs call mergeIntoHome / removeFromHome.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import {
  mergeAccountIntoFeed,
  regenerateHomeFeed,
  removeAccountFromFeed,
  trimFeeds,
} from "../../repos/feeds.ts";
import { enqueueJob } from "../../repos/jobs.ts";

/** How many recent posts a new follow brings in (Mastodon merges a quarter of its 800). */
export const MERGE_LIMIT = 200;
/** Entries kept per feed (Mastodon's FeedManager::MAX_ITEMS). */
export const FEED_CAP = 800;

export async function enqueueFeedChange(
  ctx: AppContext,
  db: Db,
  change: "merge" | "unmerge",
  readerId: string,
  accountId: string,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await enqueueJob(db, {
    id: ctx.newId(),
    type: change === "merge" ? "feed.merge" : "feed.unmerge",
    payload: { readerId, accountId },
    runAt: at,
    createdAt: at,
  });
}

export async function mergeIntoHome(ctx: AppContext, readerId: string, accountId: string) {
  await mergeAccountIntoFeed(ctx.db, "home", readerId, accountId, MERGE_LIMIT);
}

export async function removeFromHome(ctx: AppContext, readerId: string, accountId: string) {
  await removeAccountFromFeed(ctx.db, "home", readerId, accountId);
}

/** How many posts a rebuilt home starts with (Mastodon fills half of its 800). */
export const REGENERATE_LIMIT = 400;

export async function regenerateHome(ctx: AppContext, accountId: string) {
  await regenerateHomeFeed(ctx.db, accountId, REGENERATE_LIMIT);
}

export async function trimAllFeeds(ctx: AppContext): Promise<number> {
  return trimFeeds(ctx.db, FEED_CAP);
}
