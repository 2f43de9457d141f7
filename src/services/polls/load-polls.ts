// Hydration of polls for a page of statuses: the polls (one query) and their tallies with the
// viewer's own choices (one grouped query), whatever the page size.
import type { AppContext } from "../../context.ts";
import { isPollExpired } from "../../domain/polls.ts";
import { findPollsOfStatuses, findPollTallies, type PollRow } from "../../repos/polls.ts";
import type { LoadedPoll } from "./common.ts";

/** Keyed by status id; statuses without a poll are absent (and cost no query). */
export async function loadPollsOfStatuses(
  ctx: AppContext,
  rows: readonly { id: string; poll_id: string | null }[],
  viewerId: string | null,
): Promise<Map<string, LoadedPoll>> {
  const withPoll = rows.filter((r) => r.poll_id !== null).map((r) => r.id);
  const polls = await findPollsOfStatuses(ctx.db, withPoll);
  const loaded = await loadPolls(ctx, polls, viewerId);
  return new Map(loaded.map((l) => [String(l.poll.status_id), l]));
}

export async function loadPolls(
  ctx: AppContext,
  polls: PollRow[],
  viewerId: string | null,
): Promise<LoadedPoll[]> {
  if (polls.length === 0) return [];
  const tallies = await findPollTallies(
    ctx.db,
    polls.map((p) => p.id),
    viewerId,
  );
  const now = ctx.clock.now();
  return polls.map((poll) => {
    const mine = tallies.filter((t) => t.pollId === String(poll.id));
    // A remote poll's counts are its server's (we hold only our users' votes for it).
    const counts = poll.options.map((_, i) =>
      poll.remote_tallies !== null
        ? Number(poll.remote_tallies[i] ?? 0)
        : (mine.find((t) => t.choice === i)?.votes ?? 0),
    );
    return {
      poll,
      tallies: counts,
      expired: isPollExpired({ expiresAt: poll.expires_at, closedAt: poll.closed_at }, now),
      ownVotes: mine.filter((t) => t.mine).map((t) => t.choice),
    };
  });
}
