// A moderator's decision on a trend (`hearth trends approve|reject`): statuses show in
// /api/v1/trends/statuses (and links in /api/v1/trends/links) only once approved; a rejected tag or status never shows. The
// decision may come before the target trends: the row waits with a zero score.
import type { AppContext } from "../../context.ts";
import type { TrendReview } from "../../db/schema/index.ts";
import { isId } from "../../domain/id.ts";
import { normalizeTagName } from "../../domain/tags.ts";
import { findCardByUrl } from "../../repos/preview-cards.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { findTagByName } from "../../repos/tags.ts";
import { listTrendRows, setTrendReview, type TrendRow } from "../../repos/trends.ts";

export type ReviewKind = "tag" | "status" | "link";

export type ReviewResult = { type: "ok"; targetId: string } | { type: "not-found" };

export async function reviewTrend(
  ctx: AppContext,
  kind: ReviewKind,
  target: string,
  review: Exclude<TrendReview, "pending">,
): Promise<ReviewResult> {
  let targetId: string | undefined;
  if (kind === "tag") {
    targetId = (await findTagByName(ctx.db, normalizeTagName(target.replace(/^#/, ""))))?.id;
  } else if (kind === "link") {
    // A link is named by its card's URL, exactly as posted (it is the trend's target).
    targetId = (await findCardByUrl(ctx.db, target))?.url;
  } else if (isId(target)) {
    targetId = (await findStatusById(ctx.db, target))?.id;
  }
  if (targetId === undefined) return { type: "not-found" };
  await setTrendReview(ctx.db, {
    id: ctx.newId(),
    kind,
    targetId: String(targetId),
    review,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", targetId: String(targetId) };
}

export function listTrendsForReview(
  ctx: AppContext,
  options: { kind: ReviewKind | undefined; all: boolean },
): Promise<TrendRow[]> {
  return listTrendRows(ctx.db, options);
}
