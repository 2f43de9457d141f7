// Filtered statuses — https://docs.joinmastodon.org/methods/filters/#statuses-get
// A filter may name statuses the owner can see; naming one twice is 422 (Mastodon's
// uniqueness validation), someone else's filter or filter status is 404.
import type { AppContext } from "../../context.ts";
import { STATUSES_PER_FILTER } from "../../domain/filters.ts";
import { isId } from "../../domain/id.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import {
  countFilterParts,
  deleteFilterStatus,
  type FilterStatusRow,
  findOwnFilter,
  findOwnFilterStatus,
  findStatusesOf,
  insertFilterStatus,
} from "../../repos/filters.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { publishFiltersChanged } from "./common.ts";

export async function listFilterStatuses(ctx: AppContext, accountId: string, filterId: string) {
  if ((await findOwnFilter(ctx.db, accountId, filterId)) === undefined) throw notFound();
  return findStatusesOf(ctx.db, [filterId]);
}

export async function addFilterStatus(
  ctx: AppContext,
  accountId: string,
  filterId: string,
  statusId: string,
): Promise<FilterStatusRow> {
  if ((await findOwnFilter(ctx.db, accountId, filterId)) === undefined) throw notFound();
  const [status] = isId(statusId) ? await findVisibleStatuses(ctx.db, [statusId], accountId) : [];
  if (status === undefined) throw unprocessable("Validation failed: Status must exist");
  if ((await countFilterParts(ctx.db, "custom_filter_statuses", filterId)) >= STATUSES_PER_FILTER) {
    throw unprocessable(
      `Validation failed: A filter may name at most ${STATUSES_PER_FILTER} statuses`,
    );
  }
  const id = ctx.newId();
  const at = ctx.clock.now().toISOString();
  if (!(await insertFilterStatus(ctx.db, { id, filterId, statusId, at }))) {
    throw unprocessable("Validation failed: Status has already been taken");
  }
  await publishFiltersChanged(ctx, accountId);
  return getFilterStatus(ctx, accountId, id);
}

export async function getFilterStatus(ctx: AppContext, accountId: string, id: string) {
  const row = await findOwnFilterStatus(ctx.db, accountId, id);
  if (row === undefined) throw notFound();
  return row;
}

export async function removeFilterStatus(ctx: AppContext, accountId: string, id: string) {
  await getFilterStatus(ctx, accountId, id);
  await deleteFilterStatus(ctx.db, id);
  await publishFiltersChanged(ctx, accountId);
}
