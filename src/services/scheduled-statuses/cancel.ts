// Cancel a scheduled post — https://docs.joinmastodon.org/methods/scheduled_statuses/#cancel
// Its uploads are freed (Mastodon nullifies them): usable again, or removed by the orphan
// cleanup later. Its publishing job finds the row gone and does nothing.
import type { AppContext } from "../../context.ts";
import { deleteScheduledStatus, findOwnScheduledStatus } from "../../repos/scheduled-statuses.ts";

/** False when the id is unknown or another account's. */
export async function cancelScheduled(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<boolean> {
  const row = await findOwnScheduledStatus(ctx.db, accountId, id);
  if (row === undefined) return false;
  return ctx.db.transaction().execute((trx) => deleteScheduledStatus(trx, id));
}
