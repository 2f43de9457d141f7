// The quote part of status hydration (services/statuses/load-statuses.ts), batched: the quote
// rows of each level of embedded statuses (one query per level), then, for the whole page,
// what the viewer may know of every quoted post (one query) and the follows that decide a
// `followers` policy (one query, signed-in viewers only).
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { QUOTE_FLAGS, type QuoteEntitlement, quoteEntitlement } from "../../domain/quote-policy.ts";
import {
  findFollowsBothWays,
  findQuotedFacts,
  findQuotesOfStatuses,
  type QuoteRow,
} from "../../repos/quotes.ts";
import type { StatusRow } from "../statuses/common.ts";
import { type QuoteView, viewQuote } from "./quote-view.ts";

/** Adds the quotes made by `rows` to `into` (keyed by the quoting status id); no query if none. */
export async function addQuoteRows(
  db: Db,
  rows: readonly StatusRow[],
  into: Map<string, QuoteRow>,
): Promise<void> {
  const ids = rows.filter((r) => r.quote_id !== null && !into.has(r.id)).map((r) => r.id);
  for (const quote of await findQuotesOfStatuses(db, ids)) into.set(quote.status_id, quote);
}

/** The post a row embeds by quoting (accepted quotes only; the rest show no post). */
export function quotedIdOf(row: StatusRow, quoteOf: ReadonlyMap<string, QuoteRow>): string[] {
  const quote = quoteOf.get(row.id);
  return quote?.state === "accepted" && quote.quoted_status_id !== null
    ? [quote.quoted_status_id]
    : [];
}

/** A policy whose answer depends on who follows whom (and not already open to all). */
function needsRelationship(policy: number): boolean {
  const halves = [(policy >>> 16) & 0xffff, policy & 0xffff];
  if ((halves[0] ?? 0) & QUOTE_FLAGS.public) return false;
  return halves.some((h) => (h & (QUOTE_FLAGS.followers | QUOTE_FLAGS.following)) !== 0);
}

export interface QuoteContext {
  /** How each quote (by quoting status id) looks to the viewer. */
  views: Map<string, QuoteView>;
  /** QuoteApproval.current_user for a status. */
  entitlement: (status: StatusRow) => QuoteEntitlement;
}

export async function loadQuoteContext(
  ctx: AppContext,
  viewerId: string | null,
  quoteOf: ReadonlyMap<string, QuoteRow>,
  rows: readonly StatusRow[],
): Promise<QuoteContext> {
  const quotedIds = [...quoteOf.values()].flatMap((q) =>
    q.state === "accepted" && q.quoted_status_id !== null ? [q.quoted_status_id] : [],
  );
  const now = ctx.clock.now().toISOString();
  const facts = new Map(
    (await findQuotedFacts(ctx.db, [...new Set(quotedIds)], viewerId, now)).map((f) => [f.id, f]),
  );
  const views = new Map<string, QuoteView>();
  for (const [statusId, quote] of quoteOf) {
    const quoted = quote.quoted_status_id === null ? undefined : facts.get(quote.quoted_status_id);
    views.set(statusId, viewQuote(quote, quoted, viewerId));
  }
  // Only policies that depend on the relationship need the follows (none on most pages).
  const authors = rows
    .filter((r) => r.account_id !== viewerId && needsRelationship(Number(r.quote_approval_policy)))
    .map((r) => r.account_id);
  const follows =
    viewerId === null || authors.length === 0
      ? { following: new Set<string>(), followedBy: new Set<string>() }
      : await findFollowsBothWays(ctx.db, viewerId, [...new Set(authors)]);
  return {
    views,
    entitlement: (status) =>
      quoteEntitlement(
        viewerId,
        {
          accountId: status.account_id,
          visibility: status.visibility,
          isReblog: status.reblog_of_id !== null,
          quoteApprovalPolicy: Number(status.quote_approval_policy),
        },
        {
          following: follows.following.has(status.account_id),
          followedBy: follows.followedBy.has(status.account_id),
        },
      ),
  };
}
