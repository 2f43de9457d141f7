// Vote on a poll — https://docs.joinmastodon.org/methods/polls/#vote
// As Mastodon's VoteService and VoteValidator: only on a poll whose status the voter may see
// (else 404), not once it ended, not on one's own poll, one ballot on a single-choice poll and
// each choice once on a multiple-choice one. A ballot is all-or-nothing.
import type { AppContext } from "../../context.ts";
import { isPollExpired, voteError } from "../../domain/polls.ts";
import {
  bumpRemoteTallies,
  countBallot,
  findPollById,
  insertVotes,
  lockPollForVote,
} from "../../repos/polls.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { NOT_FOUND } from "../statuses/common.ts";
import type { LoadedPoll, PollFederationEffect } from "./common.ts";
import { loadPolls } from "./load-polls.ts";

export type VoteResult =
  | { type: "ok"; poll: LoadedPoll; federate: PollFederationEffect | null }
  | { type: "invalid"; message: string }
  /** No choices at all: Rails' params.require(:choices), checked after the poll is found. */
  | { type: "no-choices" }
  | typeof NOT_FOUND;

class BallotRefused extends Error {
  override name = "BallotRefused";
}

export async function voteOnPoll(
  ctx: AppContext,
  voterId: string,
  pollId: string,
  choices: number[],
): Promise<VoteResult> {
  const poll = await findPollById(ctx.db, pollId);
  if (poll === undefined) return NOT_FOUND;
  // Blocks either way hide the status too, so the visibility rule covers PollPolicy#vote?.
  const [status] = await findVisibleStatuses(ctx.db, [String(poll.status_id)], voterId);
  if (status === undefined) return NOT_FOUND;
  if (choices.length === 0) return { type: "no-choices" };
  const now = ctx.clock.now();
  const at = now.toISOString();
  const voteIds = choices.map(() => ctx.newId());
  const check = {
    expired: isPollExpired({ expiresAt: poll.expires_at, closedAt: poll.closed_at }, now),
    optionCount: poll.options.length,
    multiple: Boolean(poll.multiple),
    isAuthor: String(poll.account_id) === voterId,
  };
  // Checked once before the transaction for a cheap answer, and again under the poll's lock
  // against a concurrent ballot of the same voter.
  const early = voteError(choices, { ...check, previous: [] });
  if (early !== null) return { type: "invalid", message: early };
  const refused = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const previous = await lockPollForVote(trx, poll.id, voterId, at);
      if (previous === undefined) throw new BallotRefused("gone");
      const error = voteError(choices, { ...check, previous });
      if (error !== null) throw new BallotRefused(error);
      await insertVotes(
        trx,
        choices.map((choice, i) => ({
          id: voteIds[i] as string,
          pollId: poll.id,
          accountId: voterId,
          choice,
        })),
        at,
      );
      await countBallot(trx, poll.id, choices.length, previous.length === 0);
      // A remote poll's stored counts move too, read again under the lock.
      if (poll.remote_tallies !== null) {
        const locked = await findPollById(trx, poll.id);
        if (locked !== undefined) await bumpRemoteTallies(trx, locked, choices);
      }
      return null;
    })
    .catch((error: unknown) => {
      if (error instanceof BallotRefused) return error.message;
      throw error;
    });
  if (refused === "gone") return NOT_FOUND;
  if (refused !== null) return { type: "invalid", message: refused };

  const fresh = await findPollById(ctx.db, pollId);
  if (fresh === undefined) return NOT_FOUND;
  const [loaded] = await loadPolls(ctx, [fresh], voterId);
  const author = await findAccountById(ctx.db, String(poll.account_id));
  // Mastodon: a local poll's tallies go out as an Update (not while totals are hidden); a
  // remote poll's author gets the votes.
  let federate: PollFederationEffect | null = null;
  if (author !== undefined && author.domain !== null)
    federate = { activity: "Vote", pollId, voteIds, authorId: author.id };
  else if (!fresh.hide_totals) federate = { activity: "Update", statusId: String(fresh.status_id) };
  return { type: "ok", poll: loaded as LoadedPoll, federate };
}
