// DELETE /api/v1/suggestions/:account_id — never suggest this account to the viewer again
// (Mastodon's FollowRecommendationMute). Idempotent; an unknown account is not found.
import type { AppContext } from "../../context.ts";
import { isId } from "../../domain/id.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { insertSuggestionDismissal } from "../../repos/suggestions.ts";

export async function dismissSuggestion(
  ctx: AppContext,
  viewerId: string,
  targetId: string,
): Promise<{ type: "ok" } | { type: "not-found" }> {
  if (!isId(targetId)) return { type: "not-found" };
  const target = await findAccountById(ctx.db, targetId);
  if (target === undefined) return { type: "not-found" };
  await insertSuggestionDismissal(ctx.db, {
    id: ctx.newId(),
    accountId: viewerId,
    targetAccountId: target.id,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok" };
}
