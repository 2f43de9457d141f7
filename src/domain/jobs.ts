// The kinds of job and what each carries. A payload is plain JSON (ids, not rows): the worker
// loads fresh state when it runs, which may be much later or after a restart.
//
// To add a job: name it here, give it a handler in src/jobs/handlers.ts, and enqueue it with
// repos/jobs.ts `enqueueJob` inside the transaction that makes it necessary.

// biome-ignore lint/complexity/noBannedTypes: a job that needs no data
type Nothing = {};

export interface JobPayloads {
  /** Remove uploads never attached to a post (recurring). */
  "media.cleanup": Nothing;
  /** Put a new status (or boost) into the home feeds of its author and followers. */
  "status.fan-out": { statusId: string };
  /** A new follow: bring the followed account's recent posts into the reader's home. */
  "feed.merge": { readerId: string; accountId: string };
  /** Unfollow, block, mute: take the account's posts out of the reader's home. */
  "feed.unmerge": { readerId: string; accountId: string };
  /** A user back after a week away: rebuild their home from the accounts they follow. */
  "feed.regenerate": { accountId: string };
  /** A deleted account's uploads: files and rows removed in batches. */
  "account.purge": { accountId: string };
  /** Drop jobs that gave up more than a week ago (recurring). */
  "jobs.purge": Nothing;
  /** Drop expired entries of Fedify's key-value store (recurring). */
  "fedify.kv-cleanup": Nothing;
  /** A new list member: bring their recent posts into the list's feed (services/lists). */
  "list.merge": { listId: string; accountId: string };
  /** A member removed from a list: take their posts out of the list's feed. */
  "list.unmerge": { listId: string; accountId: string };
  /** Cap every feed at its newest entries (recurring). */
  "feed.trim": Nothing;
  /** Make the stored versions of an upload (services/media/process.ts). */
  "media.process": { mediaId: string };
  /** Close a poll at its end (services/polls/close-poll.ts); stale runs no-op. */
  "poll.close": { pollId: string };
  /** Publish a scheduled post when its time has come (services/scheduled-statuses/publish.ts). */
  "status.publish-scheduled": { scheduledStatusId: string };
  /** Notify a local account of an event (services/notifications/notify.ts applies the rules). */
  notify: {
    type: string;
    recipientId: string;
    fromId: string;
    statusId: string | null;
    /** `admin.report`: the report it names. */
    reportId?: string | null;
  };
  /** Send one notification to one Web Push subscription (services/push/deliver-push.ts). */
  "push.deliver": { subscriptionId: string; notificationId: string };
  /** The preview card of a post's first link (services/cards/fetch-card.ts). */
  "status.fetch-card": { statusId: string };
  /** Build a requested account archive (federation/archive.ts, services/archives). */
  "account.archive": { archiveId: string };
  /** Delete account archives older than a week (recurring). */
  "account.archive-cleanup": Nothing;
  /** Score trending tags and statuses (services/trends/refresh-trends.ts, recurring). */
  "trends.refresh": Nothing;
  /** A remote reply's unknown parent, fetched; `remaining` bounds the chain (federation/threads.ts). */
  "status.fetch-ancestor": { statusId: string; remaining: number };
  /** A remote post's replies collection, fetched within bounds (federation/threads.ts). */
  "status.fetch-replies": { statusId: string };
  /** A remote account's actor document, fetched again because our copy is stale. */
  "account.refresh": { accountId: string };
  /** FEP-8fcf: a remote account's partial followers collection, read to drop stale local
   *  follows of it (federation/followers-sync-fetch.ts). */
  "account.sync-followers": { accountId: string; url: string };
  /** A local account moved: its local followers follow the target (services/moves). */
  "account.move-followers": { originId: string; targetId: string };
  /** Deliver a local action to other servers: a service's `federate` value, tagged with its
   *  kind and acting account (services/federation/enqueue-delivery.ts has the exact shapes). */
  "federation.deliver": {
    kind: DeliveryKind;
    actorId: string;
    effect: Record<string, unknown>;
    nonce: string;
  };
}

/** Which service named the activity of a `federation.deliver` job. */
export type DeliveryKind =
  | "status"
  | "relationship"
  | "interaction"
  | "boost"
  | "poll"
  | "quote"
  | "featured-tag"
  | "account"
  | "report";

export type JobType = keyof JobPayloads;

export interface JobSpec<T extends JobType = JobType> {
  type: T;
  payload: JobPayloads[T];
}

/** Lanes: a flood in one (Fedify's deliveries and inbox work) never starves the other.
 *  The "fedify" lane carries Fedify's own messages (federation/message-queue.ts), which its
 *  queue consumer runs, not src/jobs. */
export type JobQueue = "default" | "fedify";

/** Delay before retry `attempt` (1-based): 15 s, 1 min, 4 min … capped at 6 h, as a ladder
 *  rather than Sidekiq's polynomial so a test can state it. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000 * 4 ** Math.max(0, attempt - 1), 6 * 60 * 60 * 1000);
}
