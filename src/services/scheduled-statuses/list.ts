// One's scheduled posts — https://docs.joinmastodon.org/methods/scheduled_statuses/#get
// Only the owner's; paged by id, newest first, with Link headers (the handler sets them).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findOwnScheduledStatus, listScheduledStatuses } from "../../repos/scheduled-statuses.ts";
import { type LoadedScheduledStatus, loadScheduledStatuses } from "./load.ts";

export async function listScheduled(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<LoadedScheduledStatus[]> {
  return loadScheduledStatuses(ctx, await listScheduledStatuses(ctx.db, accountId, page));
}

/** One of them; undefined for another account's or an unknown id (a 404 either way). */
export async function getScheduled(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<LoadedScheduledStatus | undefined> {
  const row = await findOwnScheduledStatus(ctx.db, accountId, id);
  if (row === undefined) return undefined;
  return (await loadScheduledStatuses(ctx, [row]))[0];
}
