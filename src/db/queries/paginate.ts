// The query side of Mastodon pagination. Ids sort by time, so a page is a range on the id
// column: newest first normally; with `min_id` the page starts just after min_id going
// forward (oldest first in SQL, reversed afterwards so the client still sees newest first).
import { type SelectQueryBuilder, sql } from "kysely";

export interface Page {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** Applies the range, order and limit of `page` to a query over `column` (an id column). */
export function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: string,
  page: Page,
): SelectQueryBuilder<DB, TB, O> {
  const ref = sql.ref(column);
  let q = query;
  // Compare as integers on both databases: ids are bigint columns but arrive as strings.
  if (page.maxId !== undefined) q = q.where(sql<boolean>`${ref} < cast(${page.maxId} as bigint)`);
  if (page.sinceId !== undefined)
    q = q.where(sql<boolean>`${ref} > cast(${page.sinceId} as bigint)`);
  if (page.minId !== undefined) q = q.where(sql<boolean>`${ref} > cast(${page.minId} as bigint)`);
  const direction = page.minId !== undefined ? sql`asc` : sql`desc`;
  return q.orderBy(sql`${ref} ${direction}`).limit(page.limit);
}

/** Puts rows fetched by paginate() in display order (newest first). */
export function inDisplayOrder<T>(rows: T[], page: Page): T[] {
  return page.minId !== undefined ? rows.reverse() : rows;
}
