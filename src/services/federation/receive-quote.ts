// Quotes between servers (FEP-044f), once the inbox has checked who speaks:
// - a remote post quoting another post gets its quotes row, in the state the inbox decided
//   (accepted when the quoted author's server stamped it or it quotes its own author, else
//   pending), counted on the quoted post when accepted;
// - the quoted author's server answers one of our QuoteRequests: our pending quote becomes
//   accepted (with the stamp's id) or rejected. Only the quoted author may answer.
import type { AppContext } from "../../context.ts";
import {
  adjustQuotesCount,
  findQuotesOfStatuses,
  insertQuote,
  settlePendingQuote,
} from "../../repos/quotes.ts";
import type { StatusRow } from "../statuses/common.ts";

export async function receiveRemoteQuote(
  ctx: AppContext,
  quoting: StatusRow,
  quoted: StatusRow,
  state: "accepted" | "pending" | "rejected",
  approvalUri: string | null,
): Promise<boolean> {
  if (quoting.quote_id !== null || quoted.reblog_of_id !== null || quoting.id === quoted.id)
    return false;
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertQuote(trx, {
      id: ctx.newId(),
      status_id: quoting.id,
      quoted_status_id: quoted.id,
      quoted_account_id: quoted.account_id,
      state,
      activity_uri: null,
      approval_uri: approvalUri,
      created_at: at,
      updated_at: at,
    });
    if (state === "accepted") await adjustQuotesCount(trx, quoted.id, 1);
  });
  return true;
}

/** Our quoting post's pending quote, answered by `senderId` (the quoted author). */
export async function answerOurQuoteRequest(
  ctx: AppContext,
  quotingStatusId: string,
  senderId: string,
  answer: "accepted" | "rejected",
  approvalUri: string | null,
): Promise<boolean> {
  const [quote] = await findQuotesOfStatuses(ctx.db, [quotingStatusId]);
  if (quote === undefined || quote.quoted_account_id !== senderId || quote.state !== "pending")
    return false;
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const changed = await settlePendingQuote(trx, quote.id, answer, approvalUri, at);
    if (changed && answer === "accepted" && quote.quoted_status_id !== null)
      await adjustQuotesCount(trx, quote.quoted_status_id, 1);
    return changed;
  });
}
