// Our stamps (FEP-044f QuoteAuthorization): served at /ap/quote-authorizations/<quote id>
// while the quote stands accepted, for other servers to verify a quote of our post. A revoked
// or rejected quote, or a quoted post no longer public, has no stamp (404).
import type { Federation } from "@fedify/fedify";
import { QuoteAuthorization } from "@fedify/vocab";
import type { AppContext } from "../context.ts";
import { findPublicLocalStatus } from "../repos/federation-reads.ts";
import { findQuoteById } from "../repos/quotes.ts";
import { findStatusById } from "../repos/statuses.ts";
import { authorizeFetch } from "./authorized-fetch.ts";

export const STAMP_PATH = "/ap/quote-authorizations/{id}";

export function stampUri(baseUrl: string, quoteId: string): string {
  return `${baseUrl}/ap/quote-authorizations/${quoteId}`;
}

export function registerQuoteStamps(federation: Federation<AppContext>): void {
  federation
    .setObjectDispatcher(QuoteAuthorization, STAMP_PATH, async (fctx, values) => {
      if (!/^\d{1,19}$/.test(values.id)) return null;
      const quote = await findQuoteById(fctx.data.db, values.id);
      if (quote === undefined || quote.state !== "accepted" || quote.quoted_status_id === null)
        return null;
      const id = stampUri(fctx.data.config.baseUrl, String(quote.id));
      if (quote.approval_uri !== id) return null;
      const [quoted, quoting] = await Promise.all([
        findPublicLocalStatus(fctx.data.db, String(quote.quoted_status_id)),
        findStatusById(fctx.data.db, String(quote.status_id)),
      ]);
      if (quoted === undefined || quoting === undefined || quoting.deleted_at !== null) return null;
      return new QuoteAuthorization({
        id: new URL(id),
        attribution: fctx.getActorUri(String(quoted.account_id)),
        interactingObject: new URL(quoting.uri),
        interactionTarget: new URL(quoted.uri),
      });
    })
    .authorize(authorizeFetch);
}
