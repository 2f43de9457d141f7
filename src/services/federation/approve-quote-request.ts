// A QuoteRequest from another server for one of our posts (FEP-044f), once the inbox has
// stored the quoting post. Our author's policy decides (domain/quote-policy.ts): automatic →
// the quote is accepted and stamped (the stamp is a QuoteAuthorization we serve at
// `approvalUri`); denied → rejected; manual or unknown → left pending (no answer yet, as
// Mastodon waits for the author). Repeated requests give the same answer and stamp.
import type { AppContext } from "../../context.ts";
import { quoteEntitlement } from "../../domain/quote-policy.ts";
import {
  adjustQuotesCount,
  findFollowsBothWays,
  findQuotesOfStatuses,
  insertQuote,
  setQuoteApproval,
  settlePendingQuote,
} from "../../repos/quotes.ts";
import type { StatusRow } from "../statuses/common.ts";

export type QuoteRequestAnswer =
  | { type: "accept"; approvalUri: string }
  | { type: "reject" }
  | { type: "pending" };

export async function answerQuoteRequest(
  ctx: AppContext,
  quoting: StatusRow,
  quoted: StatusRow,
  stampUri: (quoteId: string) => string,
): Promise<QuoteRequestAnswer> {
  if (!quoted.local || quoted.deleted_at !== null || quoting.account_id === quoted.account_id)
    return { type: "reject" };
  const follows = await findFollowsBothWays(ctx.db, quoting.account_id, [quoted.account_id]);
  const entitlement = quoteEntitlement(
    quoting.account_id,
    {
      accountId: quoted.account_id,
      visibility: quoted.visibility,
      isReblog: quoted.reblog_of_id !== null,
      quoteApprovalPolicy: Number(quoted.quote_approval_policy),
    },
    {
      following: follows.following.has(quoted.account_id),
      followedBy: follows.followedBy.has(quoted.account_id),
    },
  );
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let [quote] = await findQuotesOfStatuses(trx, [quoting.id]);
    if (quote !== undefined && quote.quoted_status_id !== quoted.id) return { type: "reject" };
    if (quote === undefined) {
      const id = ctx.newId();
      await insertQuote(trx, {
        id,
        status_id: quoting.id,
        quoted_status_id: quoted.id,
        quoted_account_id: quoted.account_id,
        state: "pending",
        activity_uri: null,
        approval_uri: null,
        created_at: at,
        updated_at: at,
      });
      [quote] = await findQuotesOfStatuses(trx, [quoting.id]);
    }
    if (quote === undefined) return { type: "reject" };
    if (entitlement === "denied") {
      await settlePendingQuote(trx, quote.id, "rejected", null, at);
      return { type: "reject" };
    }
    if (entitlement !== "automatic" && quote.state === "pending") return { type: "pending" };
    if (quote.state !== "pending" && quote.state !== "accepted") return { type: "reject" };
    const approvalUri = quote.approval_uri ?? stampUri(String(quote.id));
    if (quote.state === "pending") {
      if (await settlePendingQuote(trx, quote.id, "accepted", approvalUri, at))
        await adjustQuotesCount(trx, quoted.id, 1);
    } else if (quote.approval_uri === null) await setQuoteApproval(trx, quote.id, approvalUri);
    return { type: "accept", approvalUri };
  });
}
