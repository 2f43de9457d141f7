// Accounts of a silenced domain (accounts.silenced_at, set by instance domain blocks) stay out
// of discovery — public and hashtag timelines, search — for readers who don't follow them,
// as Mastodon's limited accounts do. Usable in any query whatever its table aliases.
import { type RawBuilder, sql } from "kysely";

/** The author (an account id column) is not silenced, or the reader follows it. */
export function authorNotSilencedFor(
  readerId: string | null,
  authorColumn: string,
): RawBuilder<boolean> {
  const author = sql.ref(authorColumn);
  const silenced = sql<boolean>`EXISTS (SELECT 1 FROM accounts s WHERE s.id = ${author}
    AND s.silenced_at IS NOT NULL)`;
  if (readerId === null) return sql<boolean>`NOT ${silenced}`;
  return sql<boolean>`(NOT ${silenced} OR EXISTS (SELECT 1 FROM follows sf
    WHERE sf.account_id = cast(${readerId} as bigint) AND sf.target_account_id = ${author}))`;
}
