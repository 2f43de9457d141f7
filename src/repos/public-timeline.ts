import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { authorNotMutedBy, hasMedia } from "../db/queries/reader-filters.ts";
import { authorNotSilencedFor } from "../db/queries/silenced.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { StatusRow } from "./statuses.ts";

export interface PublicTimelineQuery {
  scope: "all" | "local" | "remote";
  onlyMedia: boolean;
}

export async function findPublicStatuses(
  db: Db,
  readerId: string | null,
  page: Page,
  q: PublicTimelineQuery,
  now: string,
): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("statuses.in_reply_to_account_id", "is", null),
        eb("statuses.in_reply_to_account_id", "=", eb.ref("statuses.account_id")),
      ]),
    )
    .where(visibleTo(readerId))
    .where(authorNotSilencedFor(readerId, "statuses.account_id"));
  if (q.scope === "local") query = query.where("statuses.local", "=", true);
  if (q.scope === "remote") query = query.where("statuses.local", "=", false);
  if (q.onlyMedia) query = query.where(hasMedia());
  if (readerId !== null)
    query = query.where(authorNotMutedBy(readerId, "statuses.account_id", now));
  return inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
}
