// The recurring trends.refresh job: scores trending tags, posts and links from recent public
// activity (domain/trends.ts) and stores them in `trends`. A link's target is its preview
// card's URL, scored by the distinct accounts whose public posts show that card.
import type { AppContext } from "../../context.ts";
import { idForTime } from "../../domain/id.ts";
import { nextLinkScore, nextTagScore, statusScore, TREND_RULES } from "../../domain/trends.ts";
import { countLinkSharers } from "../../repos/preview-cards.ts";
import {
  countTagAccounts,
  deleteFadedTrends,
  findStatusCandidates,
  findTrendRows,
  saveTrendScores,
  type TrendScore,
} from "../../repos/trends.ts";

const DAY_MS = 86_400_000;
/** Candidates scored per kind each run: more than any page shows. */
const MAX_CANDIDATES = 500;

export async function refreshTrends(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const nowMs = now.getTime();
  await ctx.db.transaction().execute(async (trx) => {
    // Tags: today (since midnight UTC, as Tag history days) against yesterday.
    const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
    const from = new Date(today - DAY_MS);
    const counts = await countTagAccounts(trx, {
      from: from.toISOString(),
      split: new Date(today).toISOString(),
      fromId: idForTime(from),
      limit: MAX_CANDIDATES,
    });
    const tagRows = await findTrendRows(trx, "tag");
    const scores: TrendScore[] = scoreDailyCounts(
      ctx,
      "tag",
      tagRows,
      counts.map((c) => ({ key: c.tagId, ...c })),
      nextTagScore,
      nowMs,
    );

    // Links: as tags, over the same two days, by the URL of their card.
    const sharers = await countLinkSharers(trx, {
      from: from.toISOString(),
      split: new Date(today).toISOString(),
      fromId: idForTime(from),
      limit: MAX_CANDIDATES,
    });
    const linkRows = await findTrendRows(trx, "link");
    scores.push(
      ...scoreDailyCounts(
        ctx,
        "link",
        linkRows,
        sharers.map((c) => ({ key: c.url, ...c })),
        nextLinkScore,
        nowMs,
      ),
    );

    // Statuses: interactions decaying with the post's age; the rest stop trending.
    const since = new Date(nowMs - TREND_RULES.status.maxAgeMs);
    const candidates = await findStatusCandidates(trx, {
      since: since.toISOString(),
      sinceId: idForTime(since),
      minInteractions: TREND_RULES.status.minInteractions,
      limit: MAX_CANDIDATES,
    });
    const statusRows = new Map((await findTrendRows(trx, "status")).map((r) => [r.target_id, r]));
    const scored = new Map(
      candidates.map((c) => [c.id, statusScore(c.interactions, nowMs - Date.parse(c.createdAt))]),
    );
    for (const statusId of new Set([...scored.keys(), ...statusRows.keys()])) {
      const row = statusRows.get(statusId);
      const score = scored.get(statusId) ?? 0;
      if (row === undefined && score === 0) continue;
      scores.push({
        id: row?.id ?? ctx.newId(),
        kind: "status",
        targetId: statusId,
        score,
        maxScore: Math.max(score, row?.max_score ?? 0),
        maxScoreAt: score > 0 ? at : (row?.max_score_at ?? null),
      });
    }
    await saveTrendScores(trx, scores, at);
    await deleteFadedTrends(trx);
  });
}

type TrendRow = Awaited<ReturnType<typeof findTrendRows>>[number];
type NextScore = typeof nextTagScore;

/**
 * Tags and links score the same way: today's distinct accounts against yesterday's, from the
 * stored row's peak. Targets that scored nothing and were never trending are skipped.
 */
function scoreDailyCounts(
  ctx: AppContext,
  kind: "tag" | "link",
  stored: TrendRow[],
  counts: { key: string; today: number; yesterday: number }[],
  next: NextScore,
  nowMs: number,
): TrendScore[] {
  const rows = new Map(stored.map((r) => [r.target_id, r]));
  const countOf = new Map(counts.map((c) => [c.key, c]));
  const scores: TrendScore[] = [];
  for (const key of new Set([...countOf.keys(), ...rows.keys()])) {
    const row = rows.get(key);
    const count = countOf.get(key);
    const scored = next(
      {
        maxScore: row?.max_score ?? 0,
        maxScoreAt: row?.max_score_at == null ? null : Date.parse(row.max_score_at),
      },
      count?.today ?? 0,
      count?.yesterday ?? 0,
      nowMs,
    );
    if (row === undefined && scored.score === 0) continue;
    scores.push({
      id: row?.id ?? ctx.newId(),
      kind,
      targetId: key,
      score: scored.score,
      maxScore: scored.maxScore,
      maxScoreAt: scored.maxScoreAt === null ? null : new Date(scored.maxScoreAt).toISOString(),
    });
  }
  return scores;
}
