// Fan-out into lists (Mastodon's FanOutOnWriteService#deliver_to_lists! with
// FeedManager#filter_from_list?): a public, unlisted or private status of a list member goes
// into each list holding them whose owner should see it (findListAudience has the rules),
// never twice for boosts of the same post; an `update` event goes to each list's channel.
// Exclusive lists (4.2): their members' posts stay out of the owner's home (the home fan-out's
// query, repos/feeds.ts fanOutHomeBatch, leaves those owners out).
import type { AppContext } from "../../context.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import { feedsHolding, insertFeedEntries } from "../../repos/feeds.ts";
import { findListAudience } from "../../repos/list-feeds.ts";
import type { StatusRow } from "../statuses/common.ts";

export interface ListFanOut {
  status: StatusRow;
  /** The boosted post for a boost, else the status itself. */
  original: StatusRow;
  concernedIds: string[];
  replyToAccountId: string | null;
  activeSince: string;
  now: string;
}

/** Returns the lists that received the status. */
export async function fanOutToLists(ctx: AppContext, f: ListFanOut): Promise<string[]> {
  // Direct posts never go to lists (Mastodon delivers them to mentioned followers only).
  if (f.original.visibility === "direct") return [];
  const isBoost = f.status.reblog_of_id !== null;
  let lists = await findListAudience(ctx.db, {
    authorId: f.status.account_id,
    concernedIds: f.concernedIds,
    isBoost,
    replyToAccountId: f.replyToAccountId,
    activeSince: f.activeSince,
    now: f.now,
  });
  if (isBoost) {
    const holding = await feedsHolding(ctx.db, "list", lists, f.original.id);
    lists = lists.filter((id) => !holding.has(id));
  }
  await insertFeedEntries(
    ctx.db,
    lists.map((feedId) => ({
      feed: "list" as const,
      feedId,
      statusId: f.status.id,
      accountId: f.status.account_id,
      reblogOfId: f.status.reblog_of_id,
    })),
  );
  const message = encodeStreamMessage({ event: "update", payload: f.status.id });
  await Promise.all(lists.map((id) => ctx.pubsub.publish(channels.list(id), message)));
  return lists;
}
