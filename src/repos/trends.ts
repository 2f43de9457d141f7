// Trends: the counts the refresh job scores, the scored rows, and their review. Rows are
// keyed (kind, target_id); a review decision stays on the row while its score changes.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import {
  byAuthors,
  countedInWindow,
  dailyAuthorCounts,
  type TrendWindow,
} from "../db/queries/trend-window.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { TrendKind, TrendReview, TrendsTable } from "../db/schema/index.ts";
import type { StatusRow } from "./statuses.ts";
import type { TagRow } from "./tags.ts";

export type TrendRow = Selectable<TrendsTable>;

export interface TagDayCounts {
  tagId: string;
  today: number;
  yesterday: number;
}

/**
 * Distinct accounts per tag in public, live, original posts of unsuspended authors, today
 * and yesterday (`from` is yesterday's midnight, `split` today's). `fromId` is the smallest
 * status id of `from`: ids sort by time, so the primary key bounds the scan.
 */
export async function countTagAccounts(db: Db, window: TrendWindow): Promise<TagDayCounts[]> {
  const rows = await db
    .selectFrom("status_tags")
    .innerJoin("statuses", "statuses.id", "status_tags.status_id")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .select(["status_tags.tag_id", ...dailyAuthorCounts(window)])
    .where(countedInWindow(window))
    .groupBy("status_tags.tag_id")
    .orderBy(byAuthors, "desc")
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({
    tagId: String(r.tag_id),
    today: Number(r.today),
    yesterday: Number(r.yesterday),
  }));
}

export interface StatusCandidate {
  id: string;
  createdAt: string;
  interactions: number;
}

/**
 * Posts that may trend (Mastodon's eligibility): public, original, not a reply, no content
 * warning, not sensitive, live, since `since`, by a discoverable unsuspended author, with at
 * least `minInteractions` boosts plus favourites.
 */
export async function findStatusCandidates(
  db: Db,
  window: { since: string; sinceId: string; minInteractions: number; limit: number },
): Promise<StatusCandidate[]> {
  const rows = await db
    .selectFrom("statuses")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .select([
      "statuses.id",
      "statuses.created_at",
      sql<number>`statuses.reblogs_count + statuses.favourites_count`.as("interactions"),
    ])
    .where(sql<boolean>`statuses.id >= cast(${window.sinceId} as bigint)`)
    .where("statuses.created_at", ">=", window.since)
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.in_reply_to_id", "is", null)
    .where("statuses.spoiler_text", "=", "")
    .where("statuses.sensitive", "=", false)
    .where("statuses.deleted_at", "is", null)
    .where("accounts.suspended_at", "is", null)
    .where("accounts.discoverable", "=", true)
    .where(
      sql<boolean>`statuses.reblogs_count + statuses.favourites_count >= ${window.minInteractions}`,
    )
    .orderBy(sql`statuses.reblogs_count + statuses.favourites_count`, "desc")
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    createdAt: r.created_at,
    interactions: Number(r.interactions),
  }));
}

export async function findTrendRows(db: Db, kind: TrendKind): Promise<TrendRow[]> {
  return db.selectFrom("trends").selectAll().where("kind", "=", kind).execute();
}

export interface TrendScore {
  id: string;
  kind: TrendKind;
  targetId: string;
  score: number;
  maxScore: number;
  maxScoreAt: string | null;
}

/** Writes scores, creating rows for new targets (pending review). */
export async function saveTrendScores(db: Db, scores: TrendScore[], at: string): Promise<void> {
  for (const s of scores) {
    await db
      .insertInto("trends")
      .values({
        id: s.id,
        kind: s.kind,
        target_id: s.targetId,
        score: s.score,
        max_score: s.maxScore,
        max_score_at: s.maxScoreAt,
        review: "pending",
        reviewed_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(["kind", "target_id"]).doUpdateSet({
          score: s.score,
          max_score: s.maxScore,
          max_score_at: s.maxScoreAt,
          updated_at: at,
        }),
      )
      .execute();
  }
}

/** Forgets unreviewed rows that no longer trend (reviewed ones keep their decision). */
export async function deleteFadedTrends(db: Db): Promise<void> {
  await db.deleteFrom("trends").where("score", "<=", 0).where("review", "=", "pending").execute();
}

/** Sets the review of (kind, target), creating the row when the target does not trend yet. */
export async function setTrendReview(
  db: Db,
  row: { id: string; kind: TrendKind; targetId: string; review: TrendReview; at: string },
): Promise<void> {
  await db
    .insertInto("trends")
    .values({
      id: row.id,
      kind: row.kind,
      target_id: row.targetId,
      score: 0,
      max_score: 0,
      max_score_at: null,
      review: row.review,
      reviewed_at: row.at,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["kind", "target_id"]).doUpdateSet({
        review: row.review,
        reviewed_at: row.at,
        updated_at: row.at,
      }),
    )
    .execute();
}

/** Rows for the CLI, best first; only those trending now unless `all`. */
export async function listTrendRows(
  db: Db,
  options: { kind: TrendKind | undefined; all: boolean },
): Promise<TrendRow[]> {
  let query = db.selectFrom("trends").selectAll();
  if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
  if (!options.all) query = query.where("score", ">", 0);
  return query.orderBy("kind").orderBy("score", "desc").orderBy("id").execute();
}

/** Trending tags, best first, not rejected by a moderator. */
export async function findTrendingTags(
  db: Db,
  page: { limit: number; offset: number },
): Promise<TagRow[]> {
  return db
    .selectFrom("trends")
    .innerJoin("tags", (join) =>
      // The CASE keeps the cast off link rows (URLs), whatever order the planner picks.
      join.on(
        sql<boolean>`tags.id = cast(case when trends.kind = 'tag' then trends.target_id end as bigint)`,
      ),
    )
    .selectAll("tags")
    .where("trends.kind", "=", "tag")
    .where("trends.score", ">", 0)
    .where("trends.review", "!=", "rejected")
    .orderBy("trends.score", "desc")
    .orderBy("tags.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Trending posts a moderator approved that `viewerId` may see, best first. */
export async function findTrendingStatuses(
  db: Db,
  viewerId: string | null,
  page: { limit: number; offset: number },
): Promise<StatusRow[]> {
  return db
    .selectFrom("trends")
    .innerJoin("statuses", (join) =>
      join.on(
        sql<boolean>`statuses.id = cast(case when trends.kind = 'status' then trends.target_id end as bigint)`,
      ),
    )
    .selectAll("statuses")
    .where("trends.kind", "=", "status")
    .where("trends.score", ">", 0)
    .where("trends.review", "=", "approved")
    .where(visibleTo(viewerId))
    .orderBy("trends.score", "desc")
    .orderBy("statuses.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
