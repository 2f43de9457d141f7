// When a remote post's replies were last fetched (services/federation/refresh-jobs.ts).
import type { Db } from "../db/index.ts";

/**
 * Records a replies fetch of the status at `now` unless one was recorded after `since`;
 * true when recorded (the caller may fetch).
 */
export async function claimRepliesFetch(
  db: Db,
  statusId: string,
  now: string,
  since: string,
): Promise<boolean> {
  const result = await db
    .insertInto("status_reply_fetches")
    .values({ status_id: statusId, fetched_at: now })
    .onConflict((oc) =>
      oc
        .column("status_id")
        .doUpdateSet({ fetched_at: now })
        .where("status_reply_fetches.fetched_at", "<=", since),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
