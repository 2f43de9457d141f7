// What a visitor sees of a hashtag (its page and its RSS): public posts carrying it, as far as
// the topic feed's access settings let this reader read (domain/feed-access.ts). With nothing
// readable the page asks the visitor to sign in instead.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import type { FeedReader } from "../../domain/feed-access.ts";
import { findTagByName } from "../../repos/tags.ts";
import { findUserById } from "../../repos/users.ts";
import { type LoadedStatus, loadStatuses } from "../statuses/load-statuses.ts";
import { parseTagName } from "../tags/common.ts";
import { gateFeed } from "../timelines/feed-access.ts";
import { tagTimeline } from "../timelines/tag-timeline.ts";

export type TagPageResult =
  | { type: "not-found" }
  | { type: "sign-in"; name: string; displayName: string }
  | {
      type: "ok";
      name: string;
      displayName: string;
      statuses: LoadedStatus[];
      olderThan: string | null;
    };

/** `userId`: the signed-in visitor's user (a web session), or null. */
export async function loadTagPage(
  ctx: AppContext,
  userId: string | null,
  rawName: string,
  page: Page,
): Promise<TagPageResult> {
  const parsed = parseTagName(rawName.replace(/^#/, ""));
  if (parsed === null) return { type: "not-found" };
  const user = userId === null ? undefined : await findUserById(ctx.db, userId);
  const reader: FeedReader = user === undefined ? null : { role: user.role };
  const [gate, tag] = await Promise.all([
    gateFeed(ctx, "topic", "all", reader),
    findTagByName(ctx.db, parsed.name),
  ]);
  const displayName = tag?.display_name ?? parsed.displayName;
  if (gate.scope === null) return { type: "sign-in", name: parsed.name, displayName };
  const rows = await tagTimeline(ctx, user?.account_id ?? null, page, {
    tag: parsed.name,
    any: [],
    all: [],
    none: [],
    scope: gate.scope,
    onlyMedia: false,
  });
  const last = rows.at(-1);
  return {
    type: "ok",
    name: parsed.name,
    displayName,
    statuses: await loadStatuses(ctx, rows, null),
    olderThan: rows.length >= page.limit && last !== undefined ? last.id : null,
  };
}
