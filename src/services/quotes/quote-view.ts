// How a quote looks to one viewer (Mastodon's REST::BaseQuoteSerializer + StatusFilter):
// a quote that is not accepted shows its own state and nothing else; an accepted one shows
//   `deleted`         the quoted post is gone (deleted, or never fetched);
//   `blocked_account` the viewer blocks its author (Hearth hides such posts, so no content);
//   `unauthorized`    the viewer may not see it (domain/visibility.ts);
//   `muted_account`   the viewer mutes its author: shown, so the client can fold it;
//   `accepted`        shown.
// The quoted post's author always sees it. Used by services/statuses/load-statuses.ts.
import type { QuotedFacts, QuoteRow } from "../../repos/quotes.ts";

export type QuoteViewState = QuoteRow["state"] | "blocked_account" | "muted_account";

export interface QuoteView {
  state: QuoteViewState;
  /** The quoted post to show (null when its content is withheld). */
  shownId: string | null;
}

export function viewQuote(
  quote: QuoteRow,
  facts: QuotedFacts | undefined,
  viewerId: string | null,
): QuoteView {
  if (quote.state !== "accepted") return { state: quote.state, shownId: null };
  if (facts === undefined || facts.deleted) return { state: "deleted", shownId: null };
  if (viewerId !== null && viewerId === facts.accountId)
    return { state: "accepted", shownId: facts.id };
  if (!facts.visible)
    return { state: facts.blocking ? "blocked_account" : "unauthorized", shownId: null };
  return { state: facts.muting ? "muted_account" : "accepted", shownId: facts.id };
}
