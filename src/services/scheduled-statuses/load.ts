// Hydration of scheduled posts: the uploads they reserve, one query for a whole page.
import type { AppContext } from "../../context.ts";
import type { MediaRow } from "../../repos/media.ts";
import { findMediaOfScheduled, type ScheduledStatusRow } from "../../repos/scheduled-statuses.ts";

export interface LoadedScheduledStatus {
  scheduled: ScheduledStatusRow;
  /** In the order the post asked for them (params.media_ids). */
  media: MediaRow[];
}

export async function loadScheduledStatuses(
  ctx: AppContext,
  rows: ScheduledStatusRow[],
): Promise<LoadedScheduledStatus[]> {
  const media = await findMediaOfScheduled(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((scheduled) => {
    const mine = media.filter((m) => String(m.scheduled_status_id) === String(scheduled.id));
    const order = scheduled.params.media_ids ?? [];
    mine.sort((a, b) => order.indexOf(String(a.id)) - order.indexOf(String(b.id)));
    return { scheduled, media: mine };
  });
}
