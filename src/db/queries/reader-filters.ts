// Conditions every feed and timeline shares about its reader, as SQL fragments usable in any
// query whatever its table aliases: blocks between the reader and the accounts a status
// concerns, the reader's unexpired mutes, and "has media".
import { type RawBuilder, sql } from "kysely";

const bigint = (id: string) => sql<string>`cast(${id} as bigint)`;
const ids = (list: readonly string[]) => sql.join(list.map(bigint));

/** No block either way between the reader (a column) and any of `accountIds`. */
export function noBlockBetween(
  readerColumn: string,
  accountIds: readonly string[],
): RawBuilder<boolean> {
  if (accountIds.length === 0) return sql<boolean>`1 = 1`;
  const reader = sql.ref(readerColumn);
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM blocks b WHERE
    (b.account_id = ${reader} AND b.target_account_id IN (${ids(accountIds)}))
    OR (b.account_id IN (${ids(accountIds)}) AND b.target_account_id = ${reader}))`;
}

/** The reader (a column) mutes none of `accountIds` (mutes past their end do not count). */
export function mutesNoneOf(
  readerColumn: string,
  accountIds: readonly string[],
  now: string,
): RawBuilder<boolean> {
  if (accountIds.length === 0) return sql<boolean>`1 = 1`;
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ${sql.ref(readerColumn)}
    AND m.target_account_id IN (${ids(accountIds)})
    AND (m.expires_at IS NULL OR m.expires_at > ${now}))`;
}

/** The author (a column) is not muted by the reader (an account id). */
export function authorNotMutedBy(
  readerId: string,
  authorColumn: string,
  now: string,
): RawBuilder<boolean> {
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ${bigint(readerId)}
    AND m.target_account_id = ${sql.ref(authorColumn)}
    AND (m.expires_at IS NULL OR m.expires_at > ${now}))`;
}

/** The status (its id column) has at least one attachment. */
export function hasMedia(statusIdColumn = "statuses.id"): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = ${sql.ref(statusIdColumn)})`;
}
