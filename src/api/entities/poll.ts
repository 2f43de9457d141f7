// Poll — https://docs.joinmastodon.org/entities/Poll/
// A pure function of a hydrated poll (services/polls/load-polls.ts). As Mastodon's
// PollSerializer: per-option counts are null while a hide_totals poll runs; `voted` and
// `own_votes` only for a signed-in viewer, and the author counts as having voted.

import { showsTotals } from "../../domain/polls.ts";
import type { LoadedPoll } from "../../services/polls/common.ts";
import type { CustomEmoji } from "./account.ts";

export interface PollEntity {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  emojis: CustomEmoji[];
  voted?: boolean;
  own_votes?: number[];
}

export function toPoll(loaded: LoadedPoll, viewerId: string | null): PollEntity {
  const p = loaded.poll;
  const shown = showsTotals(Boolean(p.hide_totals), loaded.expired);
  const entity: PollEntity = {
    id: String(p.id),
    expires_at: p.expires_at,
    expired: loaded.expired,
    multiple: Boolean(p.multiple),
    votes_count: Number(p.votes_count),
    voters_count: Number(p.voters_count),
    options: p.options.map((title, i) => ({
      title,
      votes_count: shown ? (loaded.tallies[i] ?? 0) : null,
    })),
    // Custom emoji in options come with the emoji work on statuses.
    emojis: [],
  };
  if (viewerId !== null) {
    entity.voted = String(p.account_id) === viewerId || loaded.ownVotes.length > 0;
    entity.own_votes = [...loaded.ownVotes].sort((a, b) => a - b);
  }
  return entity;
}
