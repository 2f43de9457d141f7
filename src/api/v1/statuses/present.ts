// Statuses as the API shows them: hydrated by the service, serialized with the author's
// Account entity and the viewer, so handlers stay short.
import type { AppContext } from "../../../context.ts";
import type { StatusRow } from "../../../services/statuses/common.ts";
import { loadStatuses } from "../../../services/statuses/load-statuses.ts";
import { type Status, toStatus } from "../../entities/status.ts";
import { presentAccount } from "../accounts/hydrate.ts";

export async function presentStatuses(
  ctx: AppContext,
  rows: StatusRow[],
  viewerId: string | null,
  options: { withSource?: boolean } = {},
): Promise<Status[]> {
  const loaded = await loadStatuses(ctx, rows, viewerId);
  return loaded.map((l) =>
    toStatus(l, {
      baseUrl: ctx.config.baseUrl,
      account: presentAccount(ctx, l.account),
      mediaUrl: ctx.storage.url,
      viewerId,
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
