// What outgoing delivery reads and writes: the remote audience of a local account (its
// followers, and for a deleted account everyone it followed too), the Follow activity ids
// stored on relationship rows, and the follows dropped when a follower's inbox is gone.
import type { Db } from "../db/index.ts";

export interface RemoteRecipientRow {
  id: string;
  uri: string;
  inbox: string | null;
  sharedInbox: string | null;
}

const RECIPIENT_COLUMNS = [
  "a.id",
  "a.uri",
  "a.inbox_url as inbox",
  "a.shared_inbox_url as sharedInbox",
] as const;

/** Remote, unsuspended followers of a local account (every one: delivery needs them all). */
export async function listRemoteFollowers(
  db: Db,
  accountId: string,
): Promise<RemoteRecipientRow[]> {
  const rows = await db
    .selectFrom("follows as f")
    .innerJoin("accounts as a", "a.id", "f.account_id")
    .select(RECIPIENT_COLUMNS)
    .where("f.target_account_id", "=", accountId)
    .where("a.domain", "is not", null)
    .where("a.suspended_at", "is", null)
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** Remote accounts a local account follows, or asked to follow (Delete of the account). */
export async function listRemoteFollowing(
  db: Db,
  accountId: string,
): Promise<RemoteRecipientRow[]> {
  const rows = await db
    .selectFrom("accounts as a")
    .select(RECIPIENT_COLUMNS)
    .where("a.domain", "is not", null)
    .where("a.suspended_at", "is", null)
    .where((eb) =>
      eb.or([
        eb(
          "a.id",
          "in",
          eb.selectFrom("follows").select("target_account_id").where("account_id", "=", accountId),
        ),
        eb(
          "a.id",
          "in",
          eb
            .selectFrom("follow_requests")
            .select("target_account_id")
            .where("account_id", "=", accountId),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** Remote, unsuspended accounts among `ids` (mentions, authors, relationship targets). */
export async function findRemoteRecipients(
  db: Db,
  ids: readonly string[],
): Promise<RemoteRecipientRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("accounts as a")
    .select(RECIPIENT_COLUMNS)
    .where("a.id", "in", [...ids])
    .where("a.domain", "is not", null)
    .where("a.suspended_at", "is", null)
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** The Follow activity id stored on a follow or request of `followerId` → `targetId`. */
export async function findFollowUri(
  db: Db,
  followerId: string,
  targetId: string,
): Promise<string | null> {
  for (const table of ["follows", "follow_requests"] as const) {
    const row = await db
      .selectFrom(table)
      .select("uri")
      .where("account_id", "=", followerId)
      .where("target_account_id", "=", targetId)
      .executeTakeFirst();
    if (row !== undefined) return row.uri;
  }
  return null;
}

/**
 * Records the id of our Follow on the pending request (or the follow, if accepted already)
 * unless one is there: a remote Accept may name the Follow only by its id.
 */
export async function recordFollowUri(
  db: Db,
  followerId: string,
  targetId: string,
  uri: string,
): Promise<void> {
  for (const table of ["follow_requests", "follows"] as const) {
    await db
      .updateTable(table)
      .set({ uri })
      .where("account_id", "=", followerId)
      .where("target_account_id", "=", targetId)
      .where("uri", "is", null)
      .execute();
  }
}

/**
 * The (follower, followed) pairs whose remote follower has this personal inbox and one of
 * these actor URIs: a permanent delivery failure there means the follower is gone.
 */
export async function findFollowsByInbox(
  db: Db,
  inbox: string,
  actorUris: readonly string[],
): Promise<{ followerId: string; targetId: string }[]> {
  if (actorUris.length === 0) return [];
  const rows = await db
    .selectFrom("follows as f")
    .innerJoin("accounts as a", "a.id", "f.account_id")
    .select(["f.account_id as followerId", "f.target_account_id as targetId"])
    .where("a.inbox_url", "=", inbox)
    .where("a.uri", "in", [...actorUris])
    .where("a.domain", "is not", null)
    .execute();
  return rows.map((r) => ({ followerId: String(r.followerId), targetId: String(r.targetId) }));
}

/** Votes by id, for the Notes a vote on a remote poll is sent as. */
export async function findVotesByIds(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; pollId: string; choice: number }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("poll_votes")
    .select(["id", "poll_id", "choice"])
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    pollId: String(r.poll_id),
    choice: Number(r.choice),
  }));
}
