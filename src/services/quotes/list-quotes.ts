// The quotes of a status — GET /api/v1/statuses/:id/quotes (Mastodon 4.5).
// Only its author may list them (Mastodon 4.5.0's StatusPolicy#list_quotes?): a status the
// viewer cannot see is a 404, someone else's a 403. Accepted quotes only, newest quote first,
// paginated by the quote row's id; each quoting post passes the visibility rule too.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listQuotingStatuses, type QuotingStatus } from "../../repos/quotes.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { FORBIDDEN, NOT_FOUND } from "./common.ts";

export type ListQuotesResult =
  | { type: "ok"; items: QuotingStatus[] }
  | typeof NOT_FOUND
  | typeof FORBIDDEN;

export async function listQuotes(
  ctx: AppContext,
  viewerId: string,
  statusId: string,
  page: Page,
): Promise<ListQuotesResult> {
  const [status] = await findVisibleStatuses(ctx.db, [statusId], viewerId);
  if (status === undefined) return NOT_FOUND;
  if (status.account_id !== viewerId) return FORBIDDEN;
  return { type: "ok", items: await listQuotingStatuses(ctx.db, statusId, viewerId, page) };
}
