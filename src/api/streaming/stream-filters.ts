// The viewer's filters on the public and hashtag streams, whose status is checked and rendered
// once for everyone listening (render.ts): the rules of every viewer of the wave are read at
// once (services/filters/apply-filters.ts loadFilterRules) and matched here against the shared
// Status entity, as Mastodon's streaming server matches its payload. A `hide` filter for the
// stream's context drops the event for that viewer; other matches go out in `filtered` (and
// the boosted original's), like the REST timelines.
import {
  type FilterableStatus,
  type FilterContext,
  htmlToPlainText,
  matchFilters,
  searchableText,
} from "../../domain/filters.ts";
import type { ViewerFilterRules } from "../../services/filters/apply-filters.ts";
import { toFilterResult } from "../entities/filter.ts";
import type { Status } from "../entities/status.ts";

function filterableOf(status: Status): FilterableStatus {
  const proper = status.reblog ?? status;
  return {
    id: status.id,
    reblogOfId: status.reblog?.id ?? null,
    text: searchableText({
      spoilerText: proper.spoiler_text,
      plainText: htmlToPlainText(proper.content),
      pollOptions: proper.poll?.options.map((o) => o.title) ?? [],
      mediaDescriptions: proper.media_attachments.map((m) => m.description),
    }),
  };
}

/**
 * The payload one viewer gets: null when a `hide` filter for `context` matches, the shared JSON
 * when no filter matches, else the status with `filtered` set.
 */
export function filteredPayload(
  rules: ViewerFilterRules | undefined,
  viewerId: string,
  status: Status,
  json: string,
  context: FilterContext,
): string | null {
  if (rules === undefined || rules.length === 0) return json;
  // One's own posts are never filtered (Mastodon's StatusRelationshipsPresenter).
  const matchUnlessOwn = (s: Status) =>
    s.account.id === viewerId ? [] : matchFilters(rules, filterableOf(s));
  const own = matchUnlessOwn(status);
  if (own.some((m) => m.filter.action === "hide" && m.filter.context.includes(context)))
    return null;
  const inner = status.reblog === null ? [] : matchUnlessOwn(status.reblog);
  if (own.length === 0 && inner.length === 0) return json;
  const copy = JSON.parse(json) as Status;
  copy.filtered = own.map(toFilterResult);
  if (copy.reblog !== null) copy.reblog.filtered = inner.map(toFilterResult);
  return JSON.stringify(copy);
}
