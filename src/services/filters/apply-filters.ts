// The viewer's filters applied at hydration (Mastodon's StatusRelationshipsPresenter
// filters_map): every active filter matching a status gives a FilterResult in its `filtered`,
// whatever the context (clients pick by context, as Mastodon's do). Timelines also drop the
// statuses a `hide` filter for their context matches — after the page query, so such a page
// may come back shorter than `limit` while its Link header still continues from the page's
// last id. Costs one query for a viewer without filters, three with some.
import type { AppContext } from "../../context.ts";
import {
  type FilterContext,
  type FilterMatch,
  type FilterRules,
  htmlToPlainText,
  matchFilters,
  searchableText,
} from "../../domain/filters.ts";
import { type FilterRow, findActiveFilters } from "../../repos/filters.ts";
import type { LoadedStatus } from "../statuses/load-statuses.ts";
import { loadFilters } from "./common.ts";

export type StatusFilterMatch = FilterMatch<FilterRow>;

function filterable(loaded: LoadedStatus) {
  const proper = loaded.reblog ?? loaded;
  return {
    id: loaded.status.id,
    reblogOfId: loaded.status.reblog_of_id,
    text: searchableText({
      spoilerText: proper.status.spoiler_text,
      plainText: htmlToPlainText(proper.status.content),
      pollOptions: proper.poll?.poll.options ?? [],
      mediaDescriptions: proper.media.map((m) => m.description),
    }),
  };
}

/** Matches by status id, for the statuses given and the boosted originals inside them. */
export async function matchViewerFilters(
  ctx: AppContext,
  viewerId: string | null,
  statuses: readonly LoadedStatus[],
): Promise<Map<string, StatusFilterMatch[]>> {
  const out = new Map<string, StatusFilterMatch[]>();
  if (viewerId === null || statuses.length === 0) return out;
  const active = await findActiveFilters(ctx.db, viewerId, ctx.clock.now().toISOString());
  if (active.length === 0) return out;
  const rules: FilterRules<FilterRow>[] = (await loadFilters(ctx, active)).map((l) => ({
    filter: l.filter,
    keywords: l.keywords.map((k) => ({ keyword: k.keyword, wholeWord: Boolean(k.whole_word) })),
    statusIds: new Set(l.statuses.map((s) => String(s.status_id))),
  }));
  for (const loaded of statuses) {
    for (const one of loaded.reblog === null ? [loaded] : [loaded, loaded.reblog]) {
      if (out.has(one.status.id)) continue;
      const matches = matchFilters(rules, filterable(one));
      if (matches.length > 0) out.set(one.status.id, matches);
    }
  }
  return out;
}

/** Whether a `hide` filter for `context` matches (the status is left out of that timeline). */
export function hiddenIn(
  matches: readonly StatusFilterMatch[] | undefined,
  context: FilterContext,
) {
  return (matches ?? []).some(
    (m) => m.filter.action === "hide" && m.filter.context.includes(context),
  );
}
