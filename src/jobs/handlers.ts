// What each job does: one entry per JobType (domain/jobs.ts). Handlers are thin: they load
// what the payload names and call a service. Throwing means "try again later"; a handler
// that finds its subject gone simply returns.
import type { AppContext } from "../context.ts";
import type { JobPayloads, JobType } from "../domain/jobs.ts";
import { buildArchive } from "../federation/archive.ts";
import { syncFollowers } from "../federation/followers-sync-fetch.ts";
import { deliver } from "../federation/outbox/deliver.ts";
import { refreshRemoteActor } from "../federation/refresh-actor.ts";
import { fetchAncestor, fetchReplies } from "../federation/threads.ts";
import { findArchive } from "../repos/archives.ts";
import { deleteExpiredKv } from "../repos/fedify-kv.ts";
import { purgeFailedJobs } from "../repos/jobs.ts";
import { findPollById } from "../repos/polls.ts";
import { purgeAccount } from "../services/accounts/purge-account.ts";
import { removeExpiredArchives } from "../services/archives/remove-expired.ts";
import { storeArchive } from "../services/archives/store-archive.ts";
import { fetchStatusCard } from "../services/cards/fetch-card.ts";
import { enqueueDelivery } from "../services/federation/enqueue-delivery.ts";
import { migrateLocalFollowers } from "../services/federation/move-account.ts";
import { mergeIntoList, removeFromList } from "../services/lists/list-feed.ts";
import { removeOrphanMedia } from "../services/media/cleanup.ts";
import { processMedia } from "../services/media/process.ts";
import { notify } from "../services/notifications/notify.ts";
import { closePoll } from "../services/polls/close-poll.ts";
import { deliverPush } from "../services/push/deliver-push.ts";
import { publishScheduled } from "../services/scheduled-statuses/publish.ts";
import { fanOutStatus } from "../services/timelines/fan-out.ts";
import {
  mergeIntoHome,
  regenerateHome,
  removeFromHome,
  trimAllFeeds,
} from "../services/timelines/feed-changes.ts";
import { refreshTrends } from "../services/trends/refresh-trends.ts";

export interface JobHandler<T extends JobType> {
  run(ctx: AppContext, payload: JobPayloads[T]): Promise<void>;
  /** Attempts before giving up (default 8). */
  maxAttempts?: number;
}

export type JobHandlers = { [K in JobType]: JobHandler<K> };

/** What the worker looks handlers up in (tests pass their own, keyed by any name). */
export type HandlerTable = Record<
  string,
  { run(ctx: AppContext, payload: never): Promise<void>; maxAttempts?: number }
>;

export const jobHandlers: JobHandlers = {
  // Each run recomputes everything, so a failed one simply waits for the next.
  "trends.refresh": { run: (ctx) => refreshTrends(ctx), maxAttempts: 1 },
  // Blocks, mutes and the policy are read when the job runs, not when the event happened.
  notify: { run: async (ctx, payload) => void (await notify(ctx, payload)) },
  "status.fan-out": { run: async (ctx, { statusId }) => void (await fanOutStatus(ctx, statusId)) },
  "feed.merge": { run: (ctx, { readerId, accountId }) => mergeIntoHome(ctx, readerId, accountId) },
  "feed.unmerge": {
    run: (ctx, { readerId, accountId }) => removeFromHome(ctx, readerId, accountId),
  },
  "list.merge": { run: (ctx, { listId, accountId }) => mergeIntoList(ctx, listId, accountId) },
  "list.unmerge": { run: (ctx, { listId, accountId }) => removeFromList(ctx, listId, accountId) },
  "feed.regenerate": { run: (ctx, { accountId }) => regenerateHome(ctx, accountId) },
  "account.purge": { run: async (ctx, { accountId }) => void (await purgeAccount(ctx, accountId)) },
  "jobs.purge": {
    run: async (ctx) => {
      const weekAgo = new Date(ctx.clock.now().getTime() - 7 * 24 * 3_600_000).toISOString();
      await purgeFailedJobs(ctx.db, weekAgo);
    },
    maxAttempts: 1,
  },
  "fedify.kv-cleanup": {
    run: async (ctx) => {
      const now = ctx.clock.now().toISOString();
      while ((await deleteExpiredKv(ctx.db, now, 1000)) === 1000);
    },
    maxAttempts: 1,
  },
  "feed.trim": { run: async (ctx) => void (await trimAllFeeds(ctx)), maxAttempts: 1 },
  "media.cleanup": {
    run: async (ctx) => {
      await removeOrphanMedia(ctx, ctx.clock.now());
    },
    maxAttempts: 1,
  },
  "media.process": {
    // A finished or vanished upload makes this a no-op; a bad file fails the row, not the job.
    run: (ctx, { mediaId }) => processMedia(ctx, mediaId),
    maxAttempts: 5,
  },
  "poll.close": {
    // A local poll's closing goes out as an Update of its Question.
    run: async (ctx, { pollId }) => {
      const closed = await closePoll(ctx, pollId);
      const poll = closed?.federate ? await findPollById(ctx.db, pollId) : undefined;
      if (poll !== undefined) await enqueueDelivery(ctx, "poll", poll.account_id, closed?.federate);
    },
  },
  "push.deliver": {
    // A dead subscription (4xx) is deleted; other failures retry, five times as Mastodon.
    run: async (ctx, payload) => void (await deliverPush(ctx, payload)),
    maxAttempts: 5,
  },
  "status.fetch-card": {
    // A page that fails gets no card and no retry (services/cards/fetch-card.ts).
    run: (ctx, { statusId }) => fetchStatusCard(ctx, statusId),
    maxAttempts: 1,
  },
  "account.archive": {
    // A request already built, or gone (cleaned up, account deleted), is a no-op.
    run: async (ctx, { archiveId }) => {
      const archive = await findArchive(ctx.db, archiveId);
      if (archive === undefined || archive.processed_at !== null) return;
      const zip = await buildArchive(ctx, archive.account_id);
      if (zip !== undefined) await storeArchive(ctx, archive, zip);
    },
    maxAttempts: 3,
  },
  "account.move-followers": {
    // Re-running is harmless: followers already moved follow the origin no more.
    run: async (ctx, { originId, targetId }) =>
      void (await migrateLocalFollowers(ctx, originId, targetId)),
  },
  "account.archive-cleanup": {
    run: async (ctx) => void (await removeExpiredArchives(ctx)),
    maxAttempts: 1,
  },
  "federation.deliver": {
    // Builds the activity and hands it to Fedify's queue, which retries each inbox on its own
    // (federation/outbox/policy.ts); a failure here is before anything was queued.
    run: (ctx, payload) => deliver(ctx, payload),
  },
  // Remote fetches within bounds (federation/threads.ts); a server that fails is not retried.
  "status.fetch-ancestor": { run: (ctx, payload) => fetchAncestor(ctx, payload), maxAttempts: 1 },
  "status.fetch-replies": { run: (ctx, payload) => fetchReplies(ctx, payload), maxAttempts: 1 },
  "account.refresh": { run: (ctx, payload) => refreshRemoteActor(ctx, payload), maxAttempts: 1 },
  "account.sync-followers": { run: (ctx, payload) => syncFollowers(ctx, payload), maxAttempts: 1 },
  "status.publish-scheduled": {
    // Publishes only when the row's time has come; its Create goes out as the API's does.
    run: async (ctx, { scheduledStatusId }) => {
      const result = await publishScheduled(ctx, scheduledStatusId);
      if (result.type === "published")
        await enqueueDelivery(ctx, "status", result.status.account_id, result.federate);
    },
  },
};

/** Jobs that re-enqueue themselves after each run (keyed `recurring:<type>`). */
export const recurringJobs: { type: JobType; everyMs: number }[] = [
  // Mastodon refreshes trends every five minutes.
  { type: "trends.refresh", everyMs: 5 * 60 * 1000 },
  { type: "media.cleanup", everyMs: 60 * 60 * 1000 },
  { type: "feed.trim", everyMs: 60 * 60 * 1000 },
  { type: "fedify.kv-cleanup", everyMs: 60 * 60 * 1000 },
  { type: "jobs.purge", everyMs: 24 * 60 * 60 * 1000 },
  { type: "account.archive-cleanup", everyMs: 60 * 60 * 1000 },
];
