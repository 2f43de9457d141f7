// The list side of the materialized feeds (feed_entries with feed "list", feed_id the list):
// which lists a new status goes to (Mastodon's lists_for_local_distribution and
// FeedManager#filter_from_list?) and merging a new member's recent posts into a list.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { mutesNoneOf, noBlockBetween } from "../db/queries/reader-filters.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import { insertFeedRows } from "./feeds.ts";
import type { StatusRow } from "./statuses.ts";

export interface ListAudienceQuery {
  authorId: string;
  /** The author, a boost's original author, the accounts mentioned (see HomeAudienceQuery). */
  concernedIds: string[];
  isBoost: boolean;
  /** A reply to someone other than its author: the list's replies_policy decides. */
  replyToAccountId: string | null;
  activeSince: string;
  now: string;
}

const bigint = (id: string) => sql<string>`cast(${id} as bigint)`;

/**
 * Lists of active local users that hold the author and should get the status:
 * the owner blocks or mutes nobody concerned (nor is blocked by them), a boost comes only
 * through a follow that shows boosts, and a reply to someone else only when the owner is
 * that someone, or the policy is `followed` and the owner follows them, or `list` and they are
 * in the list (a reply the owner could not see at home never reaches a list either).
 */
export async function findListAudience(db: Db, q: ListAudienceQuery): Promise<string[]> {
  let query = db
    .selectFrom("list_accounts as la")
    .innerJoin("lists as l", "l.id", "la.list_id")
    .innerJoin("users as u", "u.account_id", "l.account_id")
    .leftJoin("follows as f", "f.id", "la.follow_id")
    .select("l.id")
    .where("la.account_id", "=", q.authorId)
    .where("u.last_active_at", ">=", q.activeSince)
    .where(noBlockBetween("l.account_id", q.concernedIds))
    .where(mutesNoneOf("l.account_id", q.concernedIds, q.now));
  if (q.isBoost) {
    query = query.where((eb) => eb.or([eb("f.id", "is", null), eb("f.show_reblogs", "=", true)]));
  }
  const replyTo = q.replyToAccountId;
  if (replyTo !== null) {
    const target = bigint(replyTo);
    query = query.where((eb) =>
      eb.or([
        eb("l.account_id", "=", target),
        eb.and([
          eb("l.replies_policy", "=", "followed"),
          eb.exists(
            eb
              .selectFrom("follows as f2")
              .select(sql`1`.as("one"))
              .whereRef("f2.account_id", "=", "l.account_id")
              .where("f2.target_account_id", "=", target),
          ),
        ]),
        eb.and([
          eb("l.replies_policy", "=", "list"),
          eb.exists(
            eb
              .selectFrom("list_accounts as la2")
              .select(sql`1`.as("one"))
              .whereRef("la2.list_id", "=", "l.id")
              .where("la2.account_id", "=", target),
          ),
        ]),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => String(r.id));
}

/** Copies the recent posts of `accountId` that the list's owner may see into the list. */
export async function mergeAccountIntoList(
  db: Db,
  listId: string,
  ownerId: string,
  accountId: string,
  limit: number,
): Promise<void> {
  const recent = db
    .selectFrom("statuses")
    .select([
      sql<string>`'list'`.as("feed"),
      sql<string>`${bigint(listId)}`.as("feed_id"),
      "statuses.id as status_id",
      "statuses.account_id",
      "statuses.reblog_of_id",
    ])
    .where("statuses.account_id", "=", accountId)
    .where("statuses.visibility", "in", ["public", "unlisted", "private"])
    .where(visibleTo(ownerId))
    // The replies policy, as fan-out applies it (Mastodon filters merges the same way).
    .where((eb) =>
      eb.or([
        eb("statuses.in_reply_to_account_id", "is", null),
        eb("statuses.in_reply_to_account_id", "=", eb.ref("statuses.account_id")),
        eb("statuses.in_reply_to_account_id", "=", bigint(ownerId)),
        eb.exists(
          eb
            .selectFrom("lists as l")
            .select(sql`1`.as("one"))
            .where("l.id", "=", bigint(listId))
            .where((l) =>
              l.or([
                l.and([
                  l("l.replies_policy", "=", "followed"),
                  l.exists(
                    l
                      .selectFrom("follows as f2")
                      .select(sql`1`.as("one"))
                      .where("f2.account_id", "=", bigint(ownerId))
                      .whereRef("f2.target_account_id", "=", "statuses.in_reply_to_account_id"),
                  ),
                ]),
                l.and([
                  l("l.replies_policy", "=", "list"),
                  l.exists(
                    l
                      .selectFrom("list_accounts as la2")
                      .select(sql`1`.as("one"))
                      .whereRef("la2.list_id", "=", "l.id")
                      .whereRef("la2.account_id", "=", "statuses.in_reply_to_account_id"),
                  ),
                ]),
              ]),
            ),
        ),
      ]),
    )
    .orderBy("statuses.id", "desc")
    .limit(limit);
  await insertFeedRows(db, recent).execute();
}

/**
 * A page of a list's feed, as findFeedStatuses reads home, and only from current members:
 * a membership removed with its follow (unfollow, block) leaves entries behind until trimmed,
 * and they must not show.
 */
export async function findListFeedStatuses(
  db: Db,
  listId: string,
  readerId: string,
  page: Page,
  now: string,
): Promise<StatusRow[]> {
  const query = db
    .selectFrom("feed_entries")
    .innerJoin("statuses", "statuses.id", "feed_entries.status_id")
    .selectAll("statuses")
    .where("feed_entries.feed", "=", "list")
    .where("feed_entries.feed_id", "=", listId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("list_accounts as la")
          .select(sql`1`.as("one"))
          .where("la.list_id", "=", bigint(listId))
          .whereRef("la.account_id", "=", "feed_entries.account_id"),
      ),
    )
    .where(visibleTo(readerId))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mutes as m")
            .select(sql`1`.as("one"))
            .where("m.account_id", "=", bigint(readerId))
            .whereRef("m.target_account_id", "=", "statuses.account_id")
            .where((m) => m.or([m("m.expires_at", "is", null), m("m.expires_at", ">", now)])),
        ),
      ),
    );
  return inDisplayOrder(await paginate(query, "feed_entries.status_id", page).execute(), page);
}
