// Who is told about an event: the local accounts behind boosts, quotes, votes and follows
// with notify on, and the staff who see sign-ups. One query each.
import type { Db } from "../db/index.ts";

/** Local accounts with a live boost of the status. */
export async function findLocalBoosters(db: Db, statusId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("statuses")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .select("statuses.account_id")
    .where("statuses.reblog_of_id", "=", statusId)
    .where("statuses.deleted_at", "is", null)
    .where("accounts.domain", "is", null)
    .execute();
  return [...new Set(rows.map((r) => String(r.account_id)))];
}

/** Accepted quotes of the status by local accounts: the quoting post and its author. */
export async function findLocalQuotes(
  db: Db,
  statusId: string,
): Promise<{ statusId: string; accountId: string }[]> {
  const rows = await db
    .selectFrom("quotes")
    .innerJoin("statuses", "statuses.id", "quotes.status_id")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .select(["quotes.status_id", "statuses.account_id"])
    .where("quotes.quoted_status_id", "=", statusId)
    .where("quotes.state", "=", "accepted")
    .where("statuses.deleted_at", "is", null)
    .where("accounts.domain", "is", null)
    .execute();
  return rows.map((r) => ({ statusId: String(r.status_id), accountId: String(r.account_id) }));
}

/** The accepted quote a status makes, if any: whom it quotes. */
export async function findQuotedAuthor(db: Db, statusId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("quotes")
    .select("quoted_account_id")
    .where("status_id", "=", statusId)
    .where("state", "=", "accepted")
    .executeTakeFirst();
  return row?.quoted_account_id == null ? undefined : String(row.quoted_account_id);
}

export async function findPollVoters(db: Db, pollId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("poll_votes")
    .innerJoin("accounts", "accounts.id", "poll_votes.account_id")
    .select("poll_votes.account_id")
    .distinct()
    .where("poll_votes.poll_id", "=", pollId)
    .where("accounts.domain", "is", null)
    .execute();
  return rows.map((r) => String(r.account_id));
}

/** Among `readerIds`, those who follow `authorId` with notify on (the bell). */
export async function findNotifyingFollowers(
  db: Db,
  authorId: string,
  readerIds: readonly string[],
): Promise<string[]> {
  if (readerIds.length === 0) return [];
  // The followers who rang the bell are few; the readers may be 100k (too many for an IN
  // list on either database): fetch the few and intersect here.
  const rows = await db
    .selectFrom("follows")
    .select("account_id")
    .where("target_account_id", "=", authorId)
    .where("notify", "=", true)
    .execute();
  const readers = new Set(readerIds);
  return rows.map((r) => String(r.account_id)).filter((id) => readers.has(id));
}

/** Local staff accounts whose role is one of `roles` (those allowed to manage users). */
export async function findAccountsWithRoles(db: Db, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .select("users.account_id")
    .where("users.role", "in", [...roles])
    .where("users.disabled", "=", false)
    .where("accounts.suspended_at", "is", null)
    .execute();
  return rows.map((r) => String(r.account_id));
}

/**
 * Whether the event behind a notification still stands when its job runs: the favourite,
 * the live boost, the follow or the follow request (LocalNotificationWorker finds its
 * activity gone and does nothing). Other types have nothing to undo.
 */
export async function eventStands(
  db: Db,
  event: { type: string; fromId: string; recipientId: string; statusId: string | null },
): Promise<boolean> {
  const { type, fromId, recipientId, statusId } = event;
  if (type === "favourite" && statusId !== null)
    return (
      (await db
        .selectFrom("favourites")
        .select("id")
        .where("account_id", "=", fromId)
        .where("status_id", "=", statusId)
        .executeTakeFirst()) !== undefined
    );
  if (type === "reblog" && statusId !== null)
    return (
      (await db
        .selectFrom("statuses")
        .select("id")
        .where("account_id", "=", fromId)
        .where("reblog_of_id", "=", statusId)
        .where("deleted_at", "is", null)
        .executeTakeFirst()) !== undefined
    );
  if (type === "follow" || type === "follow_request")
    return (
      (await db
        .selectFrom(type === "follow" ? "follows" : "follow_requests")
        .select("id")
        .where("account_id", "=", fromId)
        .where("target_account_id", "=", recipientId)
        .executeTakeFirst()) !== undefined
    );
  return true;
}

/**
 * Whether the recipient blocks, or mutes with notifications hidden, any of `accountIds`
 * (FeedManager#filter_from_mentions: a mention in a post that also names or answers them).
 */
export async function blocksOrHidesAny(
  db: Db,
  recipientId: string,
  accountIds: readonly string[],
  now: string,
): Promise<boolean> {
  if (accountIds.length === 0) return false;
  const blocked = await db
    .selectFrom("blocks")
    .select("id")
    .where("account_id", "=", recipientId)
    .where("target_account_id", "in", [...accountIds])
    .union(
      db
        .selectFrom("mutes")
        .select("id")
        .where("account_id", "=", recipientId)
        .where("target_account_id", "in", [...accountIds])
        .where("hide_notifications", "=", true)
        .where((w) => w.or([w("expires_at", "is", null), w("expires_at", ">", now)])),
    )
    .limit(1)
    .executeTakeFirst();
  return blocked !== undefined;
}
