// The viewer's filters applied at hydration (Mastodon's StatusRelationshipsPresenter
// filters_map): every active filter matching a status gives a FilterResult in its `filtered`,
// whatever the context (clients pick by context, as Mastodon's do), except on the viewer's own
// posts, which Mastodon never filters. Timelines also drop the
// statuses a `hide` filter for their context matches — after the page query, so such a page
// may come back shorter than `limit` while its Link header still continues from the page's
// last id. Costs one query for a viewer without filters, three with some. Notifications use
// the `notifications` context the same way (statusHider serves their unread counts), and the
// streams theirs (api/streaming/render.ts, stream-filters.ts).
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
import { findMediaOfStatuses } from "../../repos/media.ts";
import { findPollsOfStatuses } from "../../repos/polls.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
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

export type ViewerFilterRules = FilterRules<FilterRow>[];

/**
 * The active filters of several viewers as matcher rules, by viewer (absent: no filters): one
 * query when none of them has any, three otherwise. The streams load them once per event.
 */
export async function loadFilterRules(
  ctx: AppContext,
  viewerIds: readonly string[],
): Promise<Map<string, ViewerFilterRules>> {
  const out = new Map<string, ViewerFilterRules>();
  if (viewerIds.length === 0) return out;
  const active = await findActiveFilters(ctx.db, viewerIds, ctx.clock.now().toISOString());
  if (active.length === 0) return out;
  for (const l of await loadFilters(ctx, active)) {
    const viewer = String(l.filter.account_id);
    const rules = out.get(viewer) ?? [];
    rules.push({
      filter: l.filter,
      keywords: l.keywords.map((k) => ({ keyword: k.keyword, wholeWord: Boolean(k.whole_word) })),
      statusIds: new Set(l.statuses.map((s) => String(s.status_id))),
    });
    out.set(viewer, rules);
  }
  return out;
}

/** Matches by status id, for the statuses given and the boosted originals inside them. */
export async function matchViewerFilters(
  ctx: AppContext,
  viewerId: string | null,
  statuses: readonly LoadedStatus[],
): Promise<Map<string, StatusFilterMatch[]>> {
  const out = new Map<string, StatusFilterMatch[]>();
  if (viewerId === null || statuses.length === 0) return out;
  const rules = (await loadFilterRules(ctx, [viewerId])).get(viewerId);
  if (rules === undefined) return out;
  for (const loaded of statuses) {
    for (const one of loaded.reblog === null ? [loaded] : [loaded, loaded.reblog]) {
      // One's own posts are never filtered, as Mastodon's StatusRelationshipsPresenter.
      if (out.has(one.status.id) || String(one.status.account_id) === viewerId) continue;
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

/**
 * For counts that cannot hydrate whole statuses (unread notifications): null when the viewer
 * has no `hide` filter for `context`, else a check of status ids giving those such a filter
 * hides. Each check reads the statuses, their polls and media descriptions (three queries);
 * a boost is matched by its own text and ids (notifications carry originals).
 */
export async function statusHider(
  ctx: AppContext,
  viewerId: string,
  context: FilterContext,
): Promise<((statusIds: readonly string[]) => Promise<Set<string>>) | null> {
  const rules = ((await loadFilterRules(ctx, [viewerId])).get(viewerId) ?? []).filter(
    (r) => r.filter.action === "hide" && r.filter.context.includes(context),
  );
  if (rules.length === 0) return null;
  return async (statusIds) => {
    const rows = await findVisibleStatuses(ctx.db, statusIds, viewerId);
    const ids = rows.map((r) => r.id);
    const polls = new Map(
      (await findPollsOfStatuses(ctx.db, ids)).map((p) => [String(p.status_id), p.options]),
    );
    const media = await findMediaOfStatuses(ctx.db, ids);
    const hidden = new Set<string>();
    for (const row of rows) {
      if (String(row.account_id) === viewerId) continue; // one's own posts: never filtered
      const text = searchableText({
        spoilerText: row.spoiler_text,
        plainText: htmlToPlainText(row.content),
        pollOptions: polls.get(row.id) ?? [],
        mediaDescriptions: media
          .filter((m) => String(m.status_id) === row.id)
          .map((m) => m.description),
      });
      if (matchFilters(rules, { id: row.id, reblogOfId: row.reblog_of_id, text }).length > 0)
        hidden.add(row.id);
    }
    return hidden;
  };
}
