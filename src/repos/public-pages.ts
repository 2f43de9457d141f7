// Reads of the public pages that the client API has no twin for: an account's feed of public
// posts (its RSS), as Mastodon's: public only (not unlisted), no boosts, no replies to others.
import type { Db } from "../db/index.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { StatusRow } from "./statuses.ts";

/** The account's newest public posts, replies to itself included (threads). */
export async function listPublicFeedStatuses(
  db: Db,
  accountId: string,
  limit: number,
): Promise<StatusRow[]> {
  return db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.account_id", "=", accountId)
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where((eb) =>
      eb.or([
        eb("statuses.in_reply_to_id", "is", null),
        eb("statuses.in_reply_to_account_id", "=", accountId),
      ]),
    )
    .where(visibleTo(null))
    .orderBy("statuses.id", "desc")
    .limit(limit)
    .execute();
}
