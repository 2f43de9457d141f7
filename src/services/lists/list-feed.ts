// A list's feed: its timeline (GET /api/v1/timelines/list/:id, owner only) and the jobs that
// merge a new member's recent posts into it or take a removed member's out.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { removeAccountFromFeed } from "../../repos/feeds.ts";
import { findListFeedStatuses, mergeAccountIntoList } from "../../repos/list-feeds.ts";
import { findListById, findOwnList, isListMember } from "../../repos/lists.ts";
import type { StatusRow } from "../statuses/common.ts";
import { MERGE_LIMIT } from "../timelines/feed-changes.ts";

/** undefined when the list is not the reader's (404). */
export async function listTimeline(
  ctx: AppContext,
  readerId: string,
  listId: string,
  page: Page,
): Promise<StatusRow[] | undefined> {
  const list = await findOwnList(ctx.db, readerId, listId);
  if (list === undefined) return undefined;
  const now = ctx.clock.now().toISOString();
  return findListFeedStatuses(ctx.db, listId, readerId, page, now);
}

export async function mergeIntoList(ctx: AppContext, listId: string, accountId: string) {
  const list = await findListById(ctx.db, listId);
  // Gone, or removed again before the job ran: nothing to merge.
  if (list === undefined || !(await isListMember(ctx.db, listId, accountId))) return;
  await mergeAccountIntoList(ctx.db, listId, String(list.account_id), accountId, MERGE_LIMIT);
}

export async function removeFromList(ctx: AppContext, listId: string, accountId: string) {
  // Re-added before the job ran: keep the entries.
  if (await isListMember(ctx.db, listId, accountId)) return;
  await removeAccountFromFeed(ctx.db, "list", listId, accountId);
}
