// Change who may quote a status — PUT /api/v1/statuses/:id/interaction_policy (Mastodon 4.5).
// Only its author (403 for others who can see it, 404 for those who cannot). A private or
// direct post stays `nobody` whatever is asked (Mastodon's downgrade_quote_policy). Quotes
// already accepted stay accepted: the policy governs new quotes only.
import type { AppContext } from "../../context.ts";
import { isQuotePolicy, storedQuotePolicy } from "../../domain/quote-policy.ts";
import { setQuotePolicy } from "../../repos/quotes.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { FORBIDDEN, NOT_FOUND, type QuoteResult } from "./common.ts";

export async function updateInteractionPolicy(
  ctx: AppContext,
  actorId: string,
  statusId: string,
  quoteApprovalPolicy: string | undefined,
): Promise<QuoteResult> {
  const [status] = await findVisibleStatuses(ctx.db, [statusId], actorId);
  if (status === undefined) return NOT_FOUND;
  if (status.account_id !== actorId) return FORBIDDEN;
  if (!isQuotePolicy(quoteApprovalPolicy))
    return {
      type: "invalid",
      message: "Validation failed: Quote approval policy is not included in the list",
    };
  const policy = storedQuotePolicy(status.visibility, quoteApprovalPolicy);
  if (policy === Number(status.quote_approval_policy))
    return { type: "ok", status, federate: null };
  const at = ctx.clock.now().toISOString();
  await setQuotePolicy(ctx.db, statusId, policy, at);
  return {
    type: "ok",
    status: { ...status, quote_approval_policy: policy, updated_at: at },
    federate: status.local
      ? { activity: "Update", statusId, quoteId: null, counterpartAccountId: null }
      : null,
  };
}
