// A poll's end: the `poll.close` job runs at expires_at and marks it closed. A stale job (the
// poll was edited to end later, or closed already, or deleted) does nothing.
import type { AppContext } from "../../context.ts";
import { closePollRow, findPollById } from "../../repos/polls.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { enqueuePollNotifications } from "../notifications/on-events.ts";
import type { PollFederationEffect } from "./common.ts";

export async function closePoll(
  ctx: AppContext,
  pollId: string,
): Promise<{ federate: PollFederationEffect | null } | null> {
  const poll = await findPollById(ctx.db, pollId);
  if (poll === undefined || poll.closed_at !== null) return null;
  const now = ctx.clock.now();
  if (poll.expires_at !== null && Date.parse(poll.expires_at) > now.getTime()) return null;
  if (!(await closePollRow(ctx.db, poll.id, now.toISOString()))) return null;
  // Every local voter and the author are told (Mastodon's PollExpirationNotifyWorker).
  await enqueuePollNotifications(ctx, ctx.db, {
    id: String(poll.id),
    statusId: String(poll.status_id),
    accountId: String(poll.account_id),
  });
  const author = await findAccountById(ctx.db, String(poll.account_id));
  const local = author !== undefined && author.domain === null;
  return { federate: local ? { activity: "Update", statusId: String(poll.status_id) } : null };
}
