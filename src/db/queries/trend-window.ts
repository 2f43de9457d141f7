// What tag and link trends count alike (repos/trends.ts, repos/preview-cards.ts): distinct
// authors of public, live, original posts of unsuspended accounts since yesterday's midnight,
// split into today and yesterday. The query must join `statuses` and `accounts` (its author).
import { sql } from "kysely";

export interface TrendWindow {
  /** Yesterday's midnight, and the smallest status id of it (ids sort by time). */
  from: string;
  fromId: string;
  /** Today's midnight. */
  split: string;
  limit: number;
}

/** `today` and `yesterday`: distinct authors on each side of `split`. */
export function dailyAuthorCounts(window: TrendWindow) {
  return [
    sql<number>`count(distinct case when statuses.created_at >= ${window.split} then statuses.account_id end)`.as(
      "today",
    ),
    sql<number>`count(distinct case when statuses.created_at < ${window.split} then statuses.account_id end)`.as(
      "yesterday",
    ),
  ] as const;
}

/** The posts that count: in the window (bounded by the primary key), public, original, live. */
export function countedInWindow(window: TrendWindow) {
  return sql<boolean>`statuses.id >= cast(${window.fromId} as bigint)
    and statuses.created_at >= ${window.from}
    and statuses.visibility = 'public'
    and statuses.reblog_of_id is null
    and statuses.deleted_at is null
    and accounts.suspended_at is null`;
}

/** Most distinct authors first. */
export const byAuthors = sql`count(distinct statuses.account_id)`;
