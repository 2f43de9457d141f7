// Read statuses — https://docs.joinmastodon.org/methods/statuses/#get and #index
// Only what the viewer may see (domain/visibility.ts); anything else is a 404 / skipped,
// so a hidden post cannot be told from a missing one.
import type { AppContext } from "../../context.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import type { StatusRow } from "./common.ts";

export async function getStatus(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
): Promise<StatusRow | undefined> {
  return (await findVisibleStatuses(ctx.db, [id], viewerId))[0];
}

/** The visible ones among `ids`, in the order asked, duplicates once. */
export async function getStatuses(
  ctx: AppContext,
  viewerId: string | null,
  ids: readonly string[],
): Promise<StatusRow[]> {
  const unique = [...new Set(ids)];
  const rows = await findVisibleStatuses(ctx.db, unique, viewerId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}
