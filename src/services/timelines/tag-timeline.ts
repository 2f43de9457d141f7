// GET /api/v1/timelines/tag/:hashtag — https://docs.joinmastodon.org/methods/timelines/#tag
// The path's tag and any[] widen the match, all[] narrows it, none[] excludes; at most four
// names in each (Mastodon's TagFeed::LIMIT_PER_MODE). A name that cannot be a hashtag
// matches nothing, as an unknown tag does in Mastodon.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findTaggedStatuses } from "../../repos/tag-timeline.ts";
import type { StatusRow } from "../statuses/common.ts";
import { parseTagName } from "../tags/common.ts";

export const TAGS_PER_MODE = 4;

export interface TagTimelineInput {
  tag: string;
  any: string[];
  all: string[];
  none: string[];
  scope: "all" | "local" | "remote";
  onlyMedia: boolean;
}

const names = (raw: readonly string[]) =>
  raw.slice(0, TAGS_PER_MODE).flatMap((r) => parseTagName(r.replace(/^#/, ""))?.name ?? []);

export async function tagTimeline(
  ctx: AppContext,
  readerId: string | null,
  page: Page,
  input: TagTimelineInput,
): Promise<StatusRow[]> {
  const main = parseTagName(input.tag.replace(/^#/, ""));
  if (main === null) return [];
  return findTaggedStatuses(
    ctx.db,
    readerId,
    page,
    {
      any: [main.name, ...names(input.any)],
      all: names(input.all),
      none: names(input.none),
      scope: input.scope,
      onlyMedia: input.onlyMedia,
    },
    ctx.clock.now().toISOString(),
  );
}
