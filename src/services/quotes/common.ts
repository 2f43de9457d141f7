// What the quote use cases share: result shapes and the federation seam.
//
// Federation seam (delivered by the API edge's delivery job): a quote of a remote post asks its author's server
// for approval (QuoteRequest); a local author's revoke withdraws the approval stamp (Delete of
// the QuoteAuthorization); a changed policy re-sends the post (Update). The inbox will call
// the same services with a remote actor (Accept / Reject of a QuoteRequest move the state).
import type { StatusRow } from "../statuses/common.ts";

export { NOT_FOUND } from "../statuses/common.ts";

export type QuoteActivity = "QuoteRequest" | "Delete QuoteAuthorization" | "Update";

export interface QuoteFederationEffect {
  activity: QuoteActivity;
  /** The quoting status (QuoteRequest, Delete QuoteAuthorization) or the updated one. */
  statusId: string;
  quoteId: string | null;
  /** The other side: the quoted author for a request, the quoting author for a revoke. */
  counterpartAccountId: string | null;
}

export type QuoteResult =
  | { type: "ok"; status: StatusRow; federate: QuoteFederationEffect | null }
  | { type: "not-found" }
  | { type: "forbidden" }
  | { type: "invalid"; message: string };

export const FORBIDDEN = { type: "forbidden" } as const;
