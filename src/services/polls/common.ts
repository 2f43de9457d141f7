// What the poll use cases share: the hydrated shape and the federation seam.
//
// Federation seam (as services/statuses/common.ts): a local poll's change names the activity
// to deliver — an Update of the Question (new tallies, or closed) — and a vote on a remote
// poll names the Vote (a Note per choice, addressed to the poll's author); the caller queues the delivery.
import type { PollRow } from "../../repos/polls.ts";

export type PollFederationEffect =
  | { activity: "Update"; statusId: string }
  | { activity: "Vote"; pollId: string; voteIds: string[]; authorId: string };

export interface LoadedPoll {
  poll: PollRow;
  /** Votes per option, in option order. */
  tallies: number[];
  /** Ended (closed, or past expires_at) at the time of loading. */
  expired: boolean;
  /** The viewer's choices (empty without a viewer or ballot). */
  ownVotes: number[];
}

export type { PollRow };

/** Key of a poll's closing job; the end time is part of it so an edit can re-arm it. */
export function pollCloseKey(pollId: string, expiresAt: string): string {
  return `poll.close:${pollId}:${expiresAt}`;
}
