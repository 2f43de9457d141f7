// Batched reads of statuses: by ids, an account's posts, a thread's ancestors and
// descendants — every one filtered by the shared visibility rule (db/queries/visible-to.ts) —
// and what hydration needs for a page (mentions, tags, applications), one query each.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { StatusRow } from "./statuses.ts";

/** The statuses with these ids that `viewerId` may see, in no particular order. */
export async function findVisibleStatuses(
  db: Db,
  ids: readonly string[],
  viewerId: string | null,
): Promise<StatusRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.id", "in", [...ids])
    .where(visibleTo(viewerId))
    .execute();
}

/** Authors the viewer mutes (unexpired), among `accountIds`. */
export async function findMutedAmong(
  db: Db,
  viewerId: string,
  accountIds: readonly string[],
  now: string,
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("mutes")
    .select("target_account_id")
    .where("account_id", "=", viewerId)
    .where("target_account_id", "in", [...accountIds])
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .execute();
  return new Set(rows.map((r) => String(r.target_account_id)));
}

export interface AccountStatusFilters {
  excludeReplies: boolean;
  excludeReblogs: boolean;
  /** A tag name (any case). */
  tagged: string | undefined;
}

/** One account's posts that `viewerId` may see, newest first. */
export async function listAccountStatuses(
  db: Db,
  accountId: string,
  viewerId: string | null,
  page: Page,
  filters: AccountStatusFilters,
): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.account_id", "=", accountId)
    .where(visibleTo(viewerId));
  // Replies to oneself stay (threads), as on Mastodon.
  if (filters.excludeReplies)
    query = query.where((eb) =>
      eb.or([
        eb("statuses.in_reply_to_id", "is", null),
        eb("statuses.in_reply_to_account_id", "=", accountId),
      ]),
    );
  if (filters.excludeReblogs) query = query.where("statuses.reblog_of_id", "is", null);
  if (filters.tagged !== undefined) {
    const tag = filters.tagged.toLowerCase();
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("status_tags")
          .innerJoin("tags", "tags.id", "status_tags.tag_id")
          .select(sql`1`.as("one"))
          .whereRef("status_tags.status_id", "=", "statuses.id")
          .where("tags.name", "=", tag),
      ),
    );
  }
  return inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
}

export interface ThreadLink {
  id: string;
  inReplyToId: string | null;
  depth: number;
}

/** Up the thread from `parentId`: the parent first, then its parent…, at most `limit`. */
export async function findAncestorIds(db: Db, parentId: string, limit: number): Promise<string[]> {
  const result = await sql<{ id: string; depth: number }>`
    with recursive up(id, in_reply_to_id, depth) as (
      select id, in_reply_to_id, 1 from statuses where id = cast(${parentId} as bigint)
      union all
      select s.id, s.in_reply_to_id, up.depth + 1 from statuses s
        join up on s.id = up.in_reply_to_id
        where up.depth < ${limit}
    )
    select id, depth from up order by depth limit ${limit}`.execute(db);
  return result.rows.map((r) => String(r.id));
}

/**
 * Down the thread from `statusId`: replies to a depth of `maxDepth`, at most `limit`, nearest
 * first (so a cut drops the farthest replies).
 */
export async function findDescendantLinks(
  db: Db,
  statusId: string,
  limit: number,
  maxDepth: number,
): Promise<ThreadLink[]> {
  const result = await sql<{ id: string; in_reply_to_id: string; depth: number }>`
    with recursive down(id, in_reply_to_id, depth) as (
      select id, in_reply_to_id, 1 from statuses where in_reply_to_id = cast(${statusId} as bigint)
      union all
      select s.id, s.in_reply_to_id, down.depth + 1 from statuses s
        join down on s.in_reply_to_id = down.id
        where down.depth < ${maxDepth}
    )
    select id, in_reply_to_id, depth from down order by depth, id limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    id: String(r.id),
    inReplyToId: String(r.in_reply_to_id),
    depth: Number(r.depth),
  }));
}

export interface MentionRow {
  statusId: string;
  accountId: string;
  silent: boolean;
  username: string;
  domain: string | null;
  url: string | null;
}

export async function findMentionsOf(db: Db, statusIds: readonly string[]): Promise<MentionRow[]> {
  if (statusIds.length === 0) return [];
  const rows = await db
    .selectFrom("mentions")
    .innerJoin("accounts", "accounts.id", "mentions.account_id")
    .select([
      "mentions.id",
      "mentions.status_id",
      "mentions.account_id",
      "mentions.silent",
      "accounts.username",
      "accounts.domain",
      "accounts.url",
    ])
    .where("mentions.status_id", "in", [...statusIds])
    .orderBy("mentions.id")
    .execute();
  return rows.map((r) => ({
    statusId: String(r.status_id),
    accountId: String(r.account_id),
    silent: r.silent,
    username: r.username,
    domain: r.domain,
    url: r.url,
  }));
}

export async function findTagsOf(
  db: Db,
  statusIds: readonly string[],
): Promise<{ statusId: string; name: string; displayName: string }[]> {
  if (statusIds.length === 0) return [];
  const rows = await db
    .selectFrom("status_tags")
    .innerJoin("tags", "tags.id", "status_tags.tag_id")
    .select(["status_tags.status_id", "tags.name", "tags.display_name"])
    .where("status_tags.status_id", "in", [...statusIds])
    .orderBy("tags.name")
    .execute();
  return rows.map((r) => ({
    statusId: String(r.status_id),
    name: r.name,
    displayName: r.display_name,
  }));
}

export async function findApplicationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; website: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("oauth_applications")
    .select(["id", "name", "website"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [String(r.id), { name: r.name, website: r.website }]));
}
