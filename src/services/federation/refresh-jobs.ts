// Fetches of other servers' documents that wait for a job rather than slow the request that
// noticed the need: a stale remote profile (seen through a lookup, a mention or an activity),
// and the replies of a remote post whose thread someone opened (federation/threads.ts runs
// them). Each is queued at most once at a time (job key); replies also wait a cool-down.
import type { AppContext } from "../../context.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { claimRepliesFetch } from "../../repos/thread-fetches.ts";

/** A post's replies are fetched again only this long after the last time (Mastodon: 15 min). */
export const REPLIES_COOLDOWN_MS = 15 * 60 * 1000;

/** Queues a refresh of the remote account; false when one is pending already. */
export async function scheduleAccountRefresh(ctx: AppContext, accountId: string): Promise<boolean> {
  const now = ctx.clock.now().toISOString();
  return enqueueJob(ctx.db, {
    id: ctx.newId(),
    type: "account.refresh",
    payload: { accountId },
    key: `account.refresh:${accountId}`,
    runAt: now,
    createdAt: now,
  });
}

/**
 * Queues fetching the replies of a remote post (GET /api/v1/statuses/:id/context by a signed-in
 * viewer); false for our own posts, or when they were fetched within the cool-down.
 */
export async function requestRemoteReplies(ctx: AppContext, statusId: string): Promise<boolean> {
  const status = await findStatusById(ctx.db, statusId);
  if (status === undefined || status.local || status.deleted_at !== null) return false;
  if (status.reblog_of_id !== null) return false;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - REPLIES_COOLDOWN_MS).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimRepliesFetch(trx, statusId, now.toISOString(), since))) return false;
    await enqueueJob(trx, {
      id: ctx.newId(),
      type: "status.fetch-replies",
      payload: { statusId },
      key: `status.fetch-replies:${statusId}`,
      runAt: now.toISOString(),
      createdAt: now.toISOString(),
    });
    return true;
  });
}
