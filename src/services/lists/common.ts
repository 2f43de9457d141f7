// What the list use cases share: limits, the replies policies, and the feed jobs that keep a
// list's feed true when its members change (Mastodon merges a new member's recent posts and
// unmerges a removed one's).
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import type { ListRow } from "../../repos/lists.ts";

/** Mastodon's List::PER_ACCOUNT_LIMIT. */
export const LISTS_PER_ACCOUNT = 50;
/** Mastodon validates presence only; 256 keeps titles sane (as its other 4.4 title limits). */
export const LIST_TITLE_MAX = 256;
/** Accounts one request may add or remove (Hearth's bound on a single statement). */
export const MEMBERS_PER_REQUEST = 250;

export const REPLIES_POLICIES = ["followed", "list", "none"] as const;
export type RepliesPolicy = (typeof REPLIES_POLICIES)[number];

export function isRepliesPolicy(value: string): value is RepliesPolicy {
  return (REPLIES_POLICIES as readonly string[]).includes(value);
}

export type { ListRow };

export async function enqueueListFeedChange(
  ctx: AppContext,
  db: Db,
  change: "merge" | "unmerge",
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  for (const accountId of accountIds) {
    await enqueueJob(db, {
      id: ctx.newId(),
      type: change === "merge" ? "list.merge" : "list.unmerge",
      payload: { listId, accountId },
      runAt: at,
      createdAt: at,
    });
  }
}
