// Revoke a quote — POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke (Mastodon 4.5).
// The quoted post's author withdraws their approval (RevokeQuoteService / Quote#reject!): an
// accepted quote becomes `revoked` and stops counting in quotes_count; a pending one becomes
// `rejected`; revoking again changes nothing. The quoted post must be visible to the actor and
// the quote must exist (404 otherwise); only the quoted author may revoke (403). The answer is
// the quoting post, which must pass the visibility rule like every read (Mastodon shows it
// regardless; a quote one cannot see cannot be listed, so it is not revoked here either).
import type { AppContext } from "../../context.ts";
import { adjustQuotesCount, changeQuoteState, findQuoteBetween } from "../../repos/quotes.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { FORBIDDEN, NOT_FOUND, type QuoteResult } from "./common.ts";

export async function revokeQuote(
  ctx: AppContext,
  actorId: string,
  quotedStatusId: string,
  quotingStatusId: string,
): Promise<QuoteResult> {
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const visible = await findVisibleStatuses(trx, [quotedStatusId, quotingStatusId], actorId);
    const quoted = visible.find((s) => s.id === quotedStatusId);
    const quoting = visible.find((s) => s.id === quotingStatusId);
    if (quoted === undefined) return NOT_FOUND;
    const quote = await findQuoteBetween(trx, quotedStatusId, quotingStatusId);
    if (quote === undefined || quoting === undefined) return NOT_FOUND;
    if (quote.quoted_account_id !== actorId) return FORBIDDEN;
    let changed = false;
    if (quote.state === "accepted") {
      changed = await changeQuoteState(trx, quote.id, ["accepted"], "revoked", at);
      if (changed) await adjustQuotesCount(trx, quotedStatusId, -1);
    } else if (quote.state === "pending") {
      changed = await changeQuoteState(trx, quote.id, ["pending"], "rejected", at);
    }
    const status = (await findStatusById(trx, quotingStatusId)) ?? quoting;
    return {
      type: "ok",
      status,
      federate: changed
        ? {
            activity: "Delete QuoteAuthorization",
            statusId: quotingStatusId,
            quoteId: quote.id,
            counterpartAccountId: quoting.account_id,
          }
        : null,
    };
  });
}
