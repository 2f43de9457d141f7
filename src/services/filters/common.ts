// What the filter use cases share: a filter loaded with its keywords and statuses, the
// validation Mastodon's CustomFilter does, and the `filters_changed` event every change sends
// on the owner's home channel (Mastodon publishes it on timeline:<account id>).
import type { AppContext } from "../../context.ts";
import {
  FILTER_KEYWORD_MAX,
  FILTER_TITLE_MAX,
  type FilterAction,
  isFilterAction,
  isFilterContext,
} from "../../domain/filters.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import { unprocessable } from "../../lib/errors.ts";
import {
  type FilterRow,
  type FilterStatusRow,
  findKeywordsOf,
  findStatusesOf,
  type KeywordRow,
} from "../../repos/filters.ts";

export interface LoadedFilter {
  filter: FilterRow;
  keywords: KeywordRow[];
  statuses: FilterStatusRow[];
}

export type { FilterRow, FilterStatusRow, KeywordRow };

/** Keywords and statuses for any number of filters: two queries. */
export async function loadFilters(ctx: AppContext, rows: FilterRow[]): Promise<LoadedFilter[]> {
  const ids = rows.map((r) => r.id);
  const keywords = await findKeywordsOf(ctx.db, ids);
  const statuses = await findStatusesOf(ctx.db, ids);
  // Grouped once: the streams load the filters of every viewer of an event together.
  const byFilter = <T extends { custom_filter_id: string }>(parts: T[]) => {
    const grouped = new Map<string, T[]>();
    for (const p of parts) {
      const key = String(p.custom_filter_id);
      const list = grouped.get(key);
      if (list === undefined) grouped.set(key, [p]);
      else list.push(p);
    }
    return grouped;
  };
  const keywordsOf = byFilter(keywords);
  const statusesOf = byFilter(statuses);
  return rows.map((filter) => ({
    filter,
    keywords: keywordsOf.get(filter.id) ?? [],
    statuses: statusesOf.get(filter.id) ?? [],
  }));
}

export function checkTitle(title: string): string {
  if (title.trim() === "") throw unprocessable("Validation failed: Title can't be blank");
  if ([...title].length > FILTER_TITLE_MAX) {
    throw unprocessable(
      `Validation failed: Title is too long (maximum is ${FILTER_TITLE_MAX} characters)`,
    );
  }
  return title;
}

/** Mastodon strips blanks, then needs at least one context and only known ones. */
export function checkContext(context: readonly string[]): string[] {
  const cleaned = [...new Set(context.map((c) => c.trim()).filter((c) => c !== ""))];
  if (cleaned.length === 0 || !cleaned.every(isFilterContext)) {
    throw unprocessable("Validation failed: Context None or invalid context supplied");
  }
  return cleaned;
}

export function checkAction(action: string): FilterAction {
  if (!isFilterAction(action)) throw unprocessable(`'${action}' is not a valid action`);
  return action;
}

export function checkKeyword(keyword: string): string {
  if (keyword.trim() === "") throw unprocessable("Validation failed: Keyword can't be blank");
  if ([...keyword].length > FILTER_KEYWORD_MAX) {
    throw unprocessable(
      `Validation failed: Keyword is too long (maximum is ${FILTER_KEYWORD_MAX} characters)`,
    );
  }
  return keyword;
}

/** expires_in seconds → expires_at; null clears the expiry. */
export function expiryFrom(ctx: AppContext, expiresIn: number | null): string | null {
  if (expiresIn === null) return null;
  return new Date(ctx.clock.now().getTime() + expiresIn * 1000).toISOString();
}

export async function publishFiltersChanged(ctx: AppContext, accountId: string): Promise<void> {
  await ctx.pubsub.publish(
    channels.home(accountId),
    encodeStreamMessage({ event: "filters_changed", payload: "" }),
  );
}
