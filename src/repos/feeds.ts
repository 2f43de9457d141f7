// Materialized feeds (0021-feeds): who a new status goes to, writing and removing entries,
// reading a page of a feed through the visibility rule, and the cap per feed.
import { type Expression, sql } from "kysely";
import type { Db, Dialect } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { prepareQuery } from "../db/queries/prepared.ts";
import { authorNotMutedBy, mutesNoneOf, noBlockBetween } from "../db/queries/reader-filters.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { StatusRow } from "./statuses.ts";

export type FeedKind = "home" | "list";

export interface FeedEntry {
  feed: FeedKind;
  feedId: string;
  statusId: string;
  accountId: string;
  reblogOfId: string | null;
}

export interface HomeAudienceQuery {
  authorId: string;
  /** Accounts a reader who blocks or mutes them should not see this from: the author, a
   *  boost's original author, the accounts mentioned. */
  concernedIds: string[];
  isBoost: boolean;
  /** A reply to someone else: only readers who follow that account (or are it) see it. */
  replyToAccountId: string | null;
  /** Direct posts: only these (the mentioned accounts) among the followers. */
  onlyAmong: string[] | null;
  /** Keyset: followers with a larger account id than this. */
  after: string;
  /** Readers last active before this get no entries (their home is rebuilt when they return). */
  activeSince: string;
  limit: number;
  now: string;
}

const bigint = (id: string) => sql<string>`cast(${id} as bigint)`;

/** The local followers of the author whose home should get the status (no select yet). */
function homeAudience(db: Db, q: HomeAudienceQuery) {
  let query = db
    .selectFrom("follows as f")
    .innerJoin("accounts as reader", "reader.id", "f.account_id")
    .innerJoin("users as u", "u.account_id", "f.account_id")
    .where("u.last_active_at", ">=", q.activeSince)
    .where("f.target_account_id", "=", q.authorId)
    .where("reader.domain", "is", null)
    .where("reader.suspended_at", "is", null)
    .where(sql<boolean>`f.account_id > ${bigint(q.after)}`)
    .where(noBlockBetween("f.account_id", q.concernedIds))
    .where(mutesNoneOf("f.account_id", q.concernedIds, q.now));
  if (q.isBoost) query = query.where("f.show_reblogs", "=", true);
  if (q.onlyAmong !== null)
    query =
      q.onlyAmong.length === 0
        ? query.where(sql<boolean>`1 = 0`)
        : query.where("f.account_id", "in", q.onlyAmong.map(bigint));
  const replyTo = q.replyToAccountId;
  if (replyTo !== null) {
    query = query.where((eb) =>
      eb.or([
        eb("f.account_id", "=", bigint(replyTo)),
        eb.exists(
          eb
            .selectFrom("follows as f2")
            .select(sql`1`.as("one"))
            .whereRef("f2.account_id", "=", "f.account_id")
            .where("f2.target_account_id", "=", bigint(replyTo)),
        ),
      ]),
    );
  }
  return query;
}

/** A follow limited to some languages takes only statuses in one of them (or in none). */
function speaks(dialect: Dialect, language: string | null) {
  if (language === null) return sql<boolean>`1 = 1`;
  return dialect === "postgres"
    ? sql<boolean>`(f.languages is null or f.languages @> jsonb_build_array(cast(${language} as text)))`
    : sql<boolean>`(f.languages is null or exists (select 1 from json_each(f.languages) where json_each.value = ${language}))`;
}

export interface HomeFanOutBatch extends Omit<HomeAudienceQuery, "isBoost"> {
  /** The entry every reader gets: the status, its author (the booster), a boost's original. */
  entry: Omit<FeedEntry, "feed" | "feedId">;
  /** The language of the post (a boost's original's), for follows limited to languages. */
  language: string | null;
}

/**
 * One batch of the home fan-out as one `INSERT … SELECT`: the next `limit` readers of the
 * audience (account id above `after`) who also take the post's language, keep no exclusive
 * list holding the author, and — for a boost — hold neither the post nor another boost of it,
 * get the entry. Returns every reader of the batch, entries that were already there included
 * (a retried job, a merge that came first): the conflict rewrites the row so RETURNING lists
 * it, which keeps the keyset (the largest id returned) and the events the same as a first run.
 */
export async function fanOutHomeBatch(
  db: Db,
  dialect: Dialect,
  q: HomeFanOutBatch,
): Promise<string[]> {
  const { statusId, accountId, reblogOfId } = q.entry;
  let query = homeAudience(db, { ...q, isBoost: reblogOfId !== null })
    .select([
      sql<string>`'home'`.as("feed"),
      "f.account_id as feed_id",
      sql<string>`${bigint(statusId)}`.as("status_id"),
      sql<string>`${bigint(accountId)}`.as("account_id"),
      sql<string | null>`cast(${reblogOfId} as bigint)`.as("reblog_of_id"),
    ])
    .where(speaks(dialect, q.language))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("lists as xl")
            .innerJoin("list_accounts as xla", "xla.list_id", "xl.id")
            .select(sql`1`.as("one"))
            .whereRef("xl.account_id", "=", "f.account_id")
            .where("xl.exclusive", "=", true)
            .where("xla.account_id", "=", bigint(accountId)),
        ),
      ),
    );
  if (reblogOfId !== null) {
    // Two probes, one per index (the primary key; feed_entries_by_reblog).
    const holds = (column: "status_id" | "reblog_of_id") =>
      sql<boolean>`not exists (select 1 from feed_entries fe where fe.feed = 'home' and fe.feed_id = f.account_id and fe.${sql.ref(column)} = ${bigint(reblogOfId)})`;
    query = query.where(holds("status_id")).where(holds("reblog_of_id"));
  }
  const rows = await insertFeedRows(db, query.orderBy("f.account_id").limit(q.limit), "return")
    .returning("feed_id")
    .execute();
  return rows.map((r) => String(r.feed_id));
}

/** Local, active readers following any hashtag of the status (Mastodon's hashtag follows in
 *  home), minus those who block or mute an account it concerns. */
export async function findTagFollowerAudience(
  db: Db,
  q: { statusId: string; concernedIds: string[]; activeSince: string; now: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom("tag_follows as tf")
    .innerJoin("status_tags as st", "st.tag_id", "tf.tag_id")
    .innerJoin("accounts as reader", "reader.id", "tf.account_id")
    .innerJoin("users as u", "u.account_id", "tf.account_id")
    .select("tf.account_id")
    .distinct()
    .where("st.status_id", "=", q.statusId)
    .where("reader.domain", "is", null)
    .where("reader.suspended_at", "is", null)
    .where("u.last_active_at", ">=", q.activeSince)
    .where(noBlockBetween("tf.account_id", q.concernedIds))
    .where(mutesNoneOf("tf.account_id", q.concernedIds, q.now))
    .execute();
  return rows.map((r) => String(r.account_id));
}

export async function insertFeedEntries(db: Db, entries: FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("feed_entries")
    .values(
      entries.map((e) => ({
        feed: e.feed,
        feed_id: e.feedId,
        status_id: e.statusId,
        account_id: e.accountId,
        reblog_of_id: e.reblogOfId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

type FeedRowSelect = Expression<{
  feed: string;
  feed_id: string;
  status_id: string;
  account_id: string;
  reblog_of_id: string | null;
}>;

/**
 * `INSERT INTO feed_entries … SELECT`: writes the rows a query selects (feed, feed_id,
 * status_id, account_id, reblog_of_id, in that order). An entry already there is left alone
 * ("skip"), or rewritten with the same values so that RETURNING lists it ("return").
 */
export function insertFeedRows(db: Db, rows: FeedRowSelect, conflicts: "skip" | "return" = "skip") {
  return db
    .insertInto("feed_entries")
    .columns(["feed", "feed_id", "status_id", "account_id", "reblog_of_id"])
    .expression(rows)
    .onConflict((oc) =>
      conflicts === "skip"
        ? oc.doNothing()
        : oc
            .columns(["feed", "feed_id", "status_id"])
            .doUpdateSet({ account_id: (eb) => eb.ref("excluded.account_id") }),
    );
}

/** Feeds among `feedIds` that already hold `statusId` itself or a boost of it. */
export async function feedsHolding(
  db: Db,
  feed: FeedKind,
  feedIds: string[],
  statusId: string,
): Promise<Set<string>> {
  if (feedIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("feed_entries")
    .select("feed_id")
    .where("feed", "=", feed)
    .where("feed_id", "in", feedIds.map(bigint))
    .where((eb) => eb.or([eb("status_id", "=", statusId), eb("reblog_of_id", "=", statusId)]))
    .execute();
  return new Set(rows.map((r) => String(r.feed_id)));
}

/** Copies the recent posts and boosts of `accountId` that a follower may see into a feed. */
export async function mergeAccountIntoFeed(
  db: Db,
  feed: FeedKind,
  feedId: string,
  accountId: string,
  limit: number,
): Promise<void> {
  const recent = db
    .selectFrom("statuses")
    .select([
      sql<string>`${feed}`.as("feed"),
      sql<string>`${bigint(feedId)}`.as("feed_id"),
      "statuses.id as status_id",
      "statuses.account_id",
      "statuses.reblog_of_id",
    ])
    .where("statuses.account_id", "=", accountId)
    .where("statuses.visibility", "in", ["public", "unlisted", "private"])
    .where(visibleTo(feedId))
    .orderBy("statuses.id", "desc")
    .limit(limit);
  await insertFeedRows(db, recent).execute();
}

/** Rebuilds a reader's home from the newest posts of the accounts they follow and their own. */
export async function regenerateHomeFeed(db: Db, readerId: string, limit: number): Promise<void> {
  const reader = bigint(readerId);
  const recent = db
    .selectFrom("statuses")
    .select([
      sql<string>`'home'`.as("feed"),
      sql<string>`${reader}`.as("feed_id"),
      "statuses.id as status_id",
      "statuses.account_id",
      "statuses.reblog_of_id",
    ])
    .where((eb) =>
      eb.or([
        eb("statuses.account_id", "=", reader),
        eb(
          "statuses.account_id",
          "in",
          eb.selectFrom("follows").select("target_account_id").where("account_id", "=", reader),
        ),
      ]),
    )
    .where("statuses.visibility", "in", ["public", "unlisted", "private"])
    .where(visibleTo(readerId))
    .orderBy("statuses.id", "desc")
    .limit(limit);
  await insertFeedRows(db, recent).execute();
}

/** Removes what `accountId` posted or boosted from a feed (unfollow, block, mute). */
export async function removeAccountFromFeed(
  db: Db,
  feed: FeedKind,
  feedId: string,
  accountId: string,
): Promise<void> {
  await db
    .deleteFrom("feed_entries")
    .where("feed", "=", feed)
    .where("feed_id", "=", feedId)
    .where("account_id", "=", accountId)
    .execute();
}

/** A page of a feed, newest first, through the visibility rule and the reader's mutes. */
export async function findFeedStatuses(
  db: Db,
  feed: FeedKind,
  feedId: string,
  readerId: string,
  page: Page,
  now: string,
): Promise<StatusRow[]> {
  const { maxId, sinceId, minId, limit } = page;
  const values = { feed, feedId, readerId, now, maxId, sinceId, minId, limit };
  return inDisplayOrder(await feedPage(db, values), page);
}

// Every home and list read runs this; built and compiled once per page shape (prepared.ts).
const feedPage = prepareQuery(
  (db, p: { feed: FeedKind; feedId: string; readerId: string; now: string } & Page) =>
    paginate(
      db
        .selectFrom("feed_entries")
        .innerJoin("statuses", "statuses.id", "feed_entries.status_id")
        .selectAll("statuses")
        .where("feed_entries.feed", "=", p.feed)
        .where("feed_entries.feed_id", "=", p.feedId)
        .where(visibleTo(p.readerId))
        .where(authorNotMutedBy(p.readerId, "statuses.account_id", p.now)),
      "feed_entries.status_id",
      p,
    ),
);

/** Keeps the newest `keep` entries of every feed (Mastodon caps a home feed at 800). */
export async function trimFeeds(db: Db, keep: number): Promise<number> {
  const result = await sql`
    DELETE FROM feed_entries WHERE (feed, feed_id, status_id) IN (
      SELECT feed, feed_id, status_id FROM (
        SELECT feed, feed_id, status_id,
               row_number() OVER (PARTITION BY feed, feed_id ORDER BY status_id DESC) AS n
        FROM feed_entries
      ) ranked WHERE n > ${keep}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
