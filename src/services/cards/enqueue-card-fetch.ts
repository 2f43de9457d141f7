// Called inside the transaction that stores a post (local or remote): when its content has a
// link that could get a preview card, a status.fetch-card job is written with it. Posts with
// media or a poll get no card (Mastodon), so they are not queued at all.
import type { Db } from "../../db/index.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { unlinkStatusCard } from "../../repos/preview-cards.ts";
import { firstCardLink } from "./status-link.ts";

export async function enqueueCardFetch(
  trx: Db,
  newId: () => string,
  post: { statusId: string; content: string; hasMediaOrPoll: boolean; at: string },
): Promise<void> {
  if (post.hasMediaOrPoll || firstCardLink(post.content) === null) return;
  await enqueueJob(trx, {
    id: newId(),
    type: "status.fetch-card",
    payload: { statusId: post.statusId },
    runAt: post.at,
    createdAt: post.at,
  });
}

/**
 * After an edit (Mastodon's UpdateStatusService#reset_preview_card!): when the text changed,
 * the old card goes and the new text's link, if any, is fetched again.
 */
export async function resetCardAfterEdit(
  trx: Db,
  newId: () => string,
  post: {
    statusId: string;
    content: string;
    previousContent: string;
    hasMediaOrPoll: boolean;
    at: string;
  },
): Promise<void> {
  if (post.content === post.previousContent) return;
  await unlinkStatusCard(trx, post.statusId);
  await enqueueCardFetch(trx, newId, post);
}
