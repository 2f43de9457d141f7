// The rules of polls, as Mastodon's PollValidator and VoteValidator. Pure: the limits come
// from domain/limits.ts (what the instance endpoints advertise), the time from the caller.
import { POLL_LIMITS } from "./limits.ts";

export interface PollInput {
  options: string[];
  /** Seconds. */
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

/** Mastodon strips options and drops blank ones before validating. */
export function cleanOptions(options: readonly string[]): string[] {
  return options.map((o) => o.trim()).filter((o) => o !== "");
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const length = (text: string) => [...graphemes.segment(text)].length;

/** The first thing wrong with a new poll (Mastodon's message), or null. */
export function pollError(poll: PollInput): string | null {
  const options = cleanOptions(poll.options);
  const prefix = "Validation failed: Poll";
  if (options.length < 2) return `${prefix} options must have more than one item`;
  if (options.length > POLL_LIMITS.maxOptions)
    return `${prefix} options can't contain more than ${POLL_LIMITS.maxOptions} items`;
  if (options.some((o) => length(o) > POLL_LIMITS.maxCharactersPerOption))
    return `${prefix} options cannot be longer than ${POLL_LIMITS.maxCharactersPerOption} characters each`;
  if (new Set(options).size !== options.length) return `${prefix} options contain duplicate items`;
  if (!Number.isFinite(poll.expiresIn) || poll.expiresIn > POLL_LIMITS.maxExpiration)
    return `${prefix} expires at is too far into the future`;
  if (poll.expiresIn < POLL_LIMITS.minExpiration) return `${prefix} expires at is too soon`;
  return null;
}

export interface PollState {
  expiresAt: string | null;
  closedAt: string | null;
}

/** Ended: closed by its job, or past its end even if the job has not run yet. */
export function isPollExpired(poll: PollState, now: Date): boolean {
  if (poll.closedAt !== null) return true;
  return poll.expiresAt !== null && Date.parse(poll.expiresAt) <= now.getTime();
}

/** Per-option counts are hidden while a hide_totals poll runs (for everyone, its author too). */
export function showsTotals(hideTotals: boolean, expired: boolean): boolean {
  return expired || !hideTotals;
}

export interface VoteCheck {
  expired: boolean;
  optionCount: number;
  multiple: boolean;
  isAuthor: boolean;
  /** Choices the voter already made on this poll. */
  previous: readonly number[];
}

/** Mastodon's VoteValidator, for a whole ballot at once; null when it may be cast. */
export function voteError(choices: readonly number[], check: VoteCheck): string | null {
  const prefix = "Validation failed:";
  if (check.expired) return `${prefix} The poll has already ended`;
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= check.optionCount))
    return `${prefix} The chosen vote option does not exist`;
  if (check.isAuthor) return `${prefix} You cannot vote in your own polls`;
  // Mastodon creates one vote per choice in one transaction: on a single-choice poll the second
  // is "already voted", and so is a repeated choice on a multiple-choice one.
  const already = check.multiple
    ? new Set(choices).size !== choices.length || choices.some((c) => check.previous.includes(c))
    : check.previous.length > 0 || choices.length > 1;
  if (already) return `${prefix} You have already voted on this poll`;
  return null;
}
