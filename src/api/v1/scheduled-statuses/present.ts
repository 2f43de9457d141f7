// A scheduled post as the API shows it (the answer to POST /api/v1/statuses with
// scheduled_at): its reserved uploads loaded, then serialized.
import type { AppContext } from "../../../context.ts";
import type { ScheduledStatusRow } from "../../../repos/scheduled-statuses.ts";
import { loadScheduledStatuses } from "../../../services/scheduled-statuses/load.ts";
import { type ScheduledStatusEntity, toScheduledStatus } from "../../entities/scheduled-status.ts";

export async function presentScheduledStatus(
  ctx: AppContext,
  row: ScheduledStatusRow,
): Promise<ScheduledStatusEntity> {
  const [loaded] = await loadScheduledStatuses(ctx, [row]);
  if (loaded === undefined) throw new Error(`scheduled status ${row.id} vanished`);
  return toScheduledStatus(loaded, ctx.storage.url);
}
