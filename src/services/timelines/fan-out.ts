// Fan-out on write (Mastodon's FanOutOnWriteService + FeedManager#filter_from_home): a new
// status, local or remote, goes into the home feed of its local author and of every local
// follower who should see it, in batches, then an `update` event goes to each of them.
//
// Who gets it, as Mastodon decides:
//   public, unlisted, private → followers;  direct → only the followers it mentions
//   not readers who block or mute the author, a boost's original author, or anyone mentioned
//   (or are blocked by them); not boosts from a follow with show_reblogs off
//   a reply to someone else → only readers who follow that someone (or are them)
//   a follow limited to some languages → only statuses in them (or with no language)
//   a boost → not into a feed that already holds the post or another boost of it
// Followers of one of a public post's hashtags get it too. The database decides all of this:
// one INSERT … SELECT per batch of 1000 readers writes their entries and names them.
// Readers not active in the last week get nothing: their home is rebuilt when they come back
// (note-activity.ts). Domain blocks join here when they exist.
import type { AppContext } from "../../context.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import {
  type FeedEntry,
  fanOutHomeBatch,
  findTagFollowerAudience,
  insertFeedEntries,
} from "../../repos/feeds.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findMentionsOf } from "../../repos/status-reads.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { updateConversations } from "../conversations/update-conversations.ts";
import { notifyAboutNewStatus } from "../notifications/on-events.ts";
import { publishToPublicStreams } from "../streaming/publish-status.ts";
import { fanOutToLists } from "./fan-out-lists.ts";
import { ACTIVE_WINDOW_MS } from "./note-activity.ts";

const BATCH = 1000;

/** Returns the accounts whose home feed received the status. */
export async function fanOutStatus(ctx: AppContext, statusId: string): Promise<string[]> {
  const status = await findStatusById(ctx.db, statusId);
  if (status === undefined || status.deleted_at !== null) return [];
  const isBoost = status.reblog_of_id !== null;
  const original =
    status.reblog_of_id === null ? status : await findStatusById(ctx.db, status.reblog_of_id);
  if (original === undefined || original.deleted_at !== null) return [];
  const author = await findAccountById(ctx.db, status.account_id);
  if (author === undefined || author.suspended_at !== null) return [];
  const mentioned = (await findMentionsOf(ctx.db, [original.id])).map((m) => m.accountId);
  const concerned = [...new Set([status.account_id, original.account_id, ...mentioned])];
  const replyTo =
    !isBoost &&
    original.in_reply_to_account_id !== null &&
    original.in_reply_to_account_id !== original.account_id
      ? original.in_reply_to_account_id
      : null;
  const entry = (feedId: string): FeedEntry => ({
    feed: "home",
    feedId,
    statusId: status.id,
    accountId: status.account_id,
    reblogOfId: status.reblog_of_id,
  });

  const delivered: string[] = [];
  const now = ctx.clock.now().toISOString();
  // The author sees their own posts and boosts at home.
  if (author.domain === null) {
    await insertFeedEntries(ctx.db, [entry(author.id)]);
    delivered.push(author.id);
  }
  // One INSERT … SELECT per batch of readers (repos/feeds.ts fanOutHomeBatch has the rules).
  let after = "0";
  for (;;) {
    const readers = await fanOutHomeBatch(ctx.db, ctx.dialect, {
      authorId: status.account_id,
      concernedIds: concerned,
      replyToAccountId: replyTo,
      onlyAmong: status.visibility === "direct" ? mentioned : null,
      after,
      activeSince: new Date(ctx.clock.now().getTime() - ACTIVE_WINDOW_MS).toISOString(),
      limit: BATCH,
      now,
      entry: { statusId: status.id, accountId: status.account_id, reblogOfId: status.reblog_of_id },
      language: original.language,
    });
    delivered.push(...readers);
    if (readers.length < BATCH) break;
    after = readers.reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max), after);
  }
  // Followed hashtags: a public post (not a boost) reaches the homes of those who follow one
  // of its tags, as Mastodon's FanOutOnWriteService does.
  if (!isBoost && status.visibility === "public") {
    const already = new Set(delivered);
    const followers = (
      await findTagFollowerAudience(ctx.db, {
        statusId: status.id,
        concernedIds: concerned,
        activeSince: new Date(ctx.clock.now().getTime() - ACTIVE_WINDOW_MS).toISOString(),
        now,
      })
    ).filter((id) => !already.has(id));
    await insertFeedEntries(ctx.db, followers.map(entry));
    delivered.push(...followers);
  }
  const message = encodeStreamMessage({ event: "update", payload: status.id });
  await Promise.all(delivered.map((id) => ctx.pubsub.publish(channels.home(id), message)));
  // Lists (brief L, services/timelines/fan-out-lists.ts): the lists holding the author get it
  // too, by each list's replies_policy, with an `update` on the list's channel.
  await fanOutToLists(ctx, {
    status,
    original,
    concernedIds: concerned,
    replyToAccountId: replyTo,
    activeSince: new Date(ctx.clock.now().getTime() - ACTIVE_WINDOW_MS).toISOString(),
    now,
  });
  // Conversations (brief L, services/conversations/update-conversations.ts): a direct post
  // updates the DM list of its author and of each local account it mentions.
  if (!isBoost && status.visibility === "direct") await updateConversations(ctx, status, mentioned);
  // Streaming (brief S): a public post, not a boost, also goes live on the public and hashtag
  // channels (services/streaming/publish-status.ts has Mastodon's rules).
  await publishToPublicStreams(ctx, status, "update");
  // Notifications (brief N): mentions, the followers' bell, the quoted author — as jobs.
  if (!isBoost) await notifyAboutNewStatus(ctx, status, delivered);
  return delivered;
}
