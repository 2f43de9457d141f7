// Statuses as the API shows them: hydrated by the service, serialized with the author's
// Account entity and the viewer, so handlers stay short.
import type { AppContext } from "../../../context.ts";
import type { FilterContext } from "../../../domain/filters.ts";
import { hiddenIn, matchViewerFilters } from "../../../services/filters/apply-filters.ts";
import type { StatusRow } from "../../../services/statuses/common.ts";
import { loadStatuses } from "../../../services/statuses/load-statuses.ts";
import { type Status, toStatus } from "../../entities/status.ts";
import { presentAccount } from "../accounts/hydrate.ts";

export async function presentStatuses(
  ctx: AppContext,
  rows: StatusRow[],
  viewerId: string | null,
  options: { withSource?: boolean; filterContext?: FilterContext } = {},
): Promise<Status[]> {
  const loaded = await loadStatuses(ctx, rows, viewerId);
  // The viewer's filters (brief L): `filtered` on every status; a timeline passes its context
  // and loses what a `hide` filter for it matches (the page may come back shorter).
  const filtered = await matchViewerFilters(ctx, viewerId, loaded);
  const context = options.filterContext;
  const shown =
    context === undefined
      ? loaded
      : loaded.filter((l) => !hiddenIn(filtered.get(l.status.id), context));
  return shown.map((l) =>
    toStatus(l, {
      baseUrl: ctx.config.baseUrl,
      presentAccount: (account) => presentAccount(ctx, account),
      mediaUrl: ctx.storage.url,
      viewerId,
      filtered,
      ...(options.withSource ? { withSource: true } : {}),
    }),
  );
}

export async function presentStatus(
  ctx: AppContext,
  row: StatusRow,
  viewerId: string | null,
  options: { withSource?: boolean } = {},
): Promise<Status> {
  const [status] = await presentStatuses(ctx, [row], viewerId, options);
  if (status === undefined) throw new Error(`status ${row.id} has no author`);
  return status;
}
