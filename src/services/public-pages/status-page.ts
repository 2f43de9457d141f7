// What a visitor sees on a post's page: the post and the parts of its thread an anonymous
// viewer may see (statuses/status-context.ts with no viewer: Mastodon's limits of 40
// ancestors and 60 descendants). A boost's page is its original's (Mastodon redirects).
import type { AppContext } from "../../context.ts";
import { isId } from "../../domain/id.ts";
import { getStatus } from "../statuses/get-status.ts";
import { type LoadedStatus, loadStatuses } from "../statuses/load-statuses.ts";
import { statusContext } from "../statuses/status-context.ts";

export type StatusPageResult =
  | { type: "ok"; status: LoadedStatus; ancestors: LoadedStatus[]; descendants: LoadedStatus[] }
  | { type: "boost"; original: LoadedStatus }
  | { type: "not-found" };

/** The post `statusId` by `accountId`, as an anonymous viewer may see it. */
export async function loadStatusPage(
  ctx: AppContext,
  accountId: string,
  statusId: string,
): Promise<StatusPageResult> {
  if (!isId(statusId)) return { type: "not-found" };
  const row = await getStatus(ctx, null, statusId);
  if (row === undefined || row.account_id !== accountId) return { type: "not-found" };
  if (row.reblog_of_id !== null) {
    const [boost] = await loadStatuses(ctx, [row], null);
    return boost?.reblog == null
      ? { type: "not-found" }
      : { type: "boost", original: boost.reblog };
  }
  const thread = await statusContext(ctx, null, row.id);
  if (thread === undefined) return { type: "not-found" };
  const loaded = await loadStatuses(ctx, [row, ...thread.ancestors, ...thread.descendants], null);
  const [status, ...rest] = loaded;
  if (status === undefined || status.status.id !== row.id) return { type: "not-found" };
  const ancestorIds = new Set(thread.ancestors.map((r) => r.id));
  return {
    type: "ok",
    status,
    ancestors: rest.filter((l) => ancestorIds.has(l.status.id)),
    descendants: rest.filter((l) => !ancestorIds.has(l.status.id)),
  };
}
