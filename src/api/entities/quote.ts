// Quote, ShallowQuote and QuoteApproval — https://docs.joinmastodon.org/entities/Quote/,
// https://docs.joinmastodon.org/entities/ShallowQuote/, https://docs.joinmastodon.org/entities/QuoteApproval/
// Pure functions of hydration (services/statuses/load-statuses.ts): a post's quote nests the
// quoted Status one level deep; inside it, that post's own quote is a ShallowQuote (an id).
import { type QuoteEntitlement, quotePolicyKeys } from "../../domain/quote-policy.ts";
import type { LoadedQuote, LoadedStatus } from "../../services/statuses/load-statuses.ts";
import type { Status } from "./status.ts";

export type QuoteEntity =
  | { state: string; quoted_status: Status | null }
  | { state: string; quoted_status_id: string | null };

export interface QuoteApprovalEntity {
  automatic: string[];
  manual: string[];
  current_user: QuoteEntitlement;
}

export function toQuote(
  quote: LoadedQuote | null,
  nested: (loaded: LoadedStatus) => Status,
): QuoteEntity | null {
  if (quote === null) return null;
  if (quote.shallow) return { state: quote.state, quoted_status_id: quote.quotedStatusId };
  return { state: quote.state, quoted_status: quote.quoted === null ? null : nested(quote.quoted) };
}

/** A boost answers with its original's policy (Mastodon's `proper`). */
export function toQuoteApproval(loaded: LoadedStatus): QuoteApprovalEntity {
  const proper = loaded.reblog ?? loaded;
  const policy = Number(proper.status.quote_approval_policy);
  return {
    automatic: quotePolicyKeys(policy, "automatic"),
    manual: quotePolicyKeys(policy, "manual"),
    current_user: proper.quoteEntitlement,
  };
}
