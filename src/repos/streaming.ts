// Reads the streaming API needs beyond the status reads: which feeds hold a status (so its
// deletion and edits reach them), the live tokens a revocation ends, and which listening
// viewers hide a post from the public streams (Mastodon's streaming filter).
import type { Db } from "../db/index.ts";

export interface FeedHolding {
  feed: "home" | "list";
  feedId: string;
  /** The entry's own status: `statusId` itself, or a boost of it. */
  statusId: string;
}

/** The feed entries holding a status or a boost of it. */
export async function findFeedsHoldingStatus(db: Db, statusId: string): Promise<FeedHolding[]> {
  const rows = await db
    .selectFrom("feed_entries")
    .select(["feed", "feed_id", "status_id"])
    .where((eb) => eb.or([eb("status_id", "=", statusId), eb("reblog_of_id", "=", statusId)]))
    .execute();
  return rows.map((r) => ({
    feed: r.feed,
    feedId: String(r.feed_id),
    statusId: String(r.status_id),
  }));
}

/** Live token ids of a user (optionally of one app), read before revoking them. */
export async function findLiveTokenIds(
  db: Db,
  userId: string,
  options: { applicationId?: string } = {},
): Promise<string[]> {
  let q = db
    .selectFrom("oauth_access_tokens")
    .select("id")
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (options.applicationId !== undefined)
    q = q.where("application_id", "=", options.applicationId);
  return (await q.execute()).map((r) => String(r.id));
}

// One query answers for many viewers at once: the public streams check each event against
// everyone listening in this process, not once per connection.
const VIEWER_CHUNK = 500;

/**
 * Among `viewerIds`, those who must not get a post by `authorId` concerning `accountIds`
 * (the author, a boost's original author, the mentioned): they block or mute one of them, the
 * author blocks them, or they block the author's domain.
 */
export async function findViewersHiding(
  db: Db,
  viewerIds: readonly string[],
  post: { authorId: string; authorDomain: string | null; accountIds: readonly string[] },
  now: string,
): Promise<Set<string>> {
  const hiding = new Set<string>();
  const concerned = [...new Set(post.accountIds)];
  for (let i = 0; i < viewerIds.length; i += VIEWER_CHUNK) {
    const chunk = viewerIds.slice(i, i + VIEWER_CHUNK);
    let query = db
      .selectFrom("blocks")
      .select("account_id as viewer")
      .where("account_id", "in", chunk)
      .where("target_account_id", "in", concerned)
      .union(
        db
          .selectFrom("blocks")
          .select("target_account_id as viewer")
          .where("account_id", "=", post.authorId)
          .where("target_account_id", "in", chunk),
      )
      .union(
        db
          .selectFrom("mutes")
          .select("account_id as viewer")
          .where("account_id", "in", chunk)
          .where("target_account_id", "in", concerned)
          .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)])),
      );
    if (post.authorDomain !== null) {
      query = query.union(
        db
          .selectFrom("account_domain_blocks")
          .select("account_id as viewer")
          .where("account_id", "in", chunk)
          .where("domain", "=", post.authorDomain),
      );
    }
    for (const row of await query.execute()) hiding.add(String(row.viewer));
  }
  return hiding;
}
