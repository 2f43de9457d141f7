// The public and hashtag streams' check of a status named by a live event, made when it is
// about to be sent and once for every viewer listening in this process (api/streaming/waves.ts).
// Their posts are public, so the visibility rule (domain/visibility.ts) per viewer comes down
// to blocks either way and domain blocks; Mastodon's streaming filter adds the viewer's blocks
// and mutes of a boost's original author and of anyone mentioned. (The user, list and direct
// streams carry what was fanned out to the viewer and re-check with getStatus for the viewer.)
import type { AppContext } from "../../context.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findMentionsOf } from "../../repos/status-reads.ts";
import { findViewersHiding } from "../../repos/streaming.ts";
import type { StatusRow } from "../statuses/common.ts";
import { getStatus } from "../statuses/get-status.ts";

export interface PublicStreamStatus {
  status: StatusRow;
  /** The viewers among those asked about who must not get it. */
  hiding: Set<string>;
  /** Posted (or boosted) by a local account: the feed access settings' local part. */
  local: boolean;
}

/**
 * The public and hashtag streams' check, once per event for every viewer listening: the status
 * as anyone may see it (public, alive, author not suspended) — for such a post the visibility
 * rule per viewer comes down to blocks and domain blocks — and which viewers hide it by the
 * rules above. Undefined when nobody may see it.
 */
export async function publicStatusForStreams(
  ctx: AppContext,
  statusId: string,
  viewerIds: readonly string[],
): Promise<PublicStreamStatus | undefined> {
  const status = await getStatus(ctx, null, statusId);
  if (status === undefined) return undefined;
  const original =
    status.reblog_of_id === null ? status : await getStatus(ctx, null, status.reblog_of_id);
  if (original === undefined) return undefined;
  const author = await findAccountById(ctx.db, status.account_id);
  // A silenced server's accounts are never broadcast (Mastodon's FanOutOnWriteService
  // `broadcastable?`); their followers get the posts in home.
  if (author?.silenced_at != null) return undefined;
  const mentioned = (await findMentionsOf(ctx.db, [original.id])).map((m) => m.accountId);
  const hiding = await findViewersHiding(
    ctx.db,
    viewerIds,
    {
      authorId: status.account_id,
      authorDomain: author?.domain ?? null,
      accountIds: [status.account_id, original.account_id, ...mentioned],
    },
    ctx.clock.now().toISOString(),
  );
  return { status, hiding, local: (author?.domain ?? null) === null };
}
