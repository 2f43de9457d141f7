// Live events for a status beyond the homes fan-out fills, as Mastodon's FanOutOnWriteService
// (new posts and edits) and RemoveStatusService (deletions) publish them:
//   public, hashtag: public posts only, never boosts; a reply to someone else stays out of the
//     public streams (not out of its hashtags); `:local` / `:remote` by origin; `:media` when it
//     has attachments. Deletions go to the same channels, replies included.
//   feeds: `delete` and `status.update` reach every home and list holding the status or a boost
//     of it (a deleted boost's own id for the entries that hold the boost).
// The message names the status; each socket renders it for its viewer (api/streaming).
import type { AppContext } from "../../context.ts";
import { channels, encodeStreamMessage, type StreamEventName } from "../../domain/streaming.ts";
import { findMediaOfStatuses } from "../../repos/media.ts";
import { findTagsOf } from "../../repos/status-reads.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import { type FeedHolding, findFeedsHoldingStatus } from "../../repos/streaming.ts";

type StatusEvent = Extract<StreamEventName, "update" | "status.update" | "delete">;

/** Publishes `event` for a public post to the public and hashtag channels it belongs to. */
export async function publishToPublicStreams(
  ctx: AppContext,
  status: StatusRow,
  event: StatusEvent,
): Promise<void> {
  if (status.visibility !== "public" || status.reblog_of_id !== null) return;
  const tags = await findTagsOf(ctx.db, [status.id]);
  const withMedia = (await findMediaOfStatuses(ctx.db, [status.id])).length > 0;
  const scope = status.local ? "local" : "remote";
  const targets = tags.flatMap((t) =>
    status.local
      ? [channels.hashtag(t.name, false), channels.hashtag(t.name, true)]
      : [channels.hashtag(t.name, false)],
  );
  const replyToOther =
    status.in_reply_to_account_id !== null && status.in_reply_to_account_id !== status.account_id;
  if (event === "delete" || !replyToOther) {
    targets.push(channels.public("all", false), channels.public(scope, false));
    if (withMedia) targets.push(channels.public("all", true), channels.public(scope, true));
  }
  const message = encodeStreamMessage({ event, payload: status.id });
  await Promise.all(targets.map((channel) => ctx.pubsub.publish(channel, message)));
}

/** The homes and lists holding a status (read before a deletion changes them). */
export function feedsHolding(ctx: AppContext, statusId: string): Promise<FeedHolding[]> {
  return findFeedsHoldingStatus(ctx.db, statusId);
}

/** Publishes `delete` (each entry's own id) or `status.update` (the status) to those feeds. */
export async function publishToFeeds(
  ctx: AppContext,
  holdings: readonly FeedHolding[],
  event: Exclude<StatusEvent, "update">,
  statusId: string,
): Promise<void> {
  const sent = new Set<string>();
  const publishes: Promise<void>[] = [];
  for (const h of holdings) {
    const channel = h.feed === "home" ? channels.home(h.feedId) : channels.list(h.feedId);
    const payload = event === "delete" ? h.statusId : statusId;
    const key = `${channel} ${payload}`;
    if (sent.has(key)) continue;
    sent.add(key);
    publishes.push(ctx.pubsub.publish(channel, encodeStreamMessage({ event, payload })));
  }
  await Promise.all(publishes);
}
