// GET /api/v1/timelines/home — https://docs.joinmastodon.org/methods/timelines/#home
// The reader's materialized feed (fan-out.ts fills it), newest first, through the visibility
// rule and the reader's current mutes (a mute made after fan-out hides at once). While the
// home of a returning user is being rebuilt, `regenerating` is true (the API answers 206).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findFeedStatuses } from "../../repos/feeds.ts";
import { hasPendingJob } from "../../repos/jobs.ts";
import type { StatusRow } from "../statuses/common.ts";
import { regenerationKey } from "./note-activity.ts";

export async function homeTimeline(
  ctx: AppContext,
  readerId: string,
  page: Page,
): Promise<{ rows: StatusRow[]; regenerating: boolean }> {
  const rows = await findFeedStatuses(
    ctx.db,
    "home",
    readerId,
    readerId,
    page,
    ctx.clock.now().toISOString(),
  );
  return { rows, regenerating: await hasPendingJob(ctx.db, regenerationKey(readerId)) };
}
