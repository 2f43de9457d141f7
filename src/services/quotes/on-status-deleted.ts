// What deleting a status does to quotes (called inside delete-status.ts's transaction):
// the quote it made goes (and an accepted one no longer counts on the quoted post), and every
// quote of it turns `deleted` — the quoting posts stay, showing the quote as removed.
import type { Db } from "../../db/index.ts";
import { adjustQuotesCount, deleteQuoteOf, markQuotesOfDeleted } from "../../repos/quotes.ts";

export async function forgetQuotesOfDeleted(trx: Db, statusId: string, at: string): Promise<void> {
  const made = await deleteQuoteOf(trx, statusId);
  if (made?.state === "accepted" && made.quoted_status_id !== null)
    await adjustQuotesCount(trx, made.quoted_status_id, -1);
  await markQuotesOfDeleted(trx, statusId, at);
}
