// The hashtags one follows — https://docs.joinmastodon.org/methods/followed_tags/
// Newest follow first, paginated by the follow row's id (the Link header's cursor).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listFollowedTags as listRows } from "../../repos/tags.ts";
import { type LoadedTag, loadTags, tagRef } from "./common.ts";

export async function listFollowedTags(
  ctx: AppContext,
  actorId: string,
  page: Page,
): Promise<{ cursors: string[]; tags: LoadedTag[] }> {
  const rows = await listRows(ctx.db, actorId, page);
  const tags = await loadTags(
    ctx,
    rows.map((r) => tagRef(r.tag)),
    actorId,
  );
  return { cursors: rows.map((r) => r.cursor), tags };
}
