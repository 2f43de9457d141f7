// How trends are scored — Mastodon's Trends::Tags and Trends::Statuses, with thresholds for
// a small server. Pure: the job (services/trends/refresh-trends.ts) feeds it counts.
//
// Tags: distinct accounts using the tag today against yesterday (the expectation, at least
// one); a rise is scored (observed - expected)² / expected. The best score of the last two
// days is kept and decays with an 8-hour half-life, so a tag fades rather than vanishing
// at midnight. Statuses: boosts plus favourites scored the same way against an expectation
// of one, decaying with the post's age (2-hour half-life). Links: as tags, counting the
// distinct accounts whose posts show the link's preview card.

const HOUR_MS = 3_600_000;

export const TREND_RULES = {
  tag: {
    /** Distinct accounts today before a tag can trend (Mastodon: 5; fewer for small servers). */
    minAccounts: 3,
    halfLifeMs: 8 * HOUR_MS,
    /** A best score older than this is forgotten. */
    cooldownMs: 48 * HOUR_MS,
    /** Below this the tag no longer trends. */
    decayThreshold: 1,
  },
  link: {
    /** Distinct accounts sharing a link today before it can trend (Mastodon: 5). */
    minAccounts: 3,
    halfLifeMs: 8 * HOUR_MS,
    cooldownMs: 48 * HOUR_MS,
    decayThreshold: 1,
  },
  status: {
    /** Boosts plus favourites before a post can trend (Mastodon: 5). */
    minInteractions: 3,
    halfLifeMs: 2 * HOUR_MS,
    /** Older posts are not candidates. */
    maxAgeMs: 48 * HOUR_MS,
    decayThreshold: 0.3,
  },
} as const;

/** (observed - expected)² / expected for a rise past `threshold`, else 0. */
export function riseScore(observed: number, expected: number, threshold: number): number {
  const e = Math.max(1, expected);
  if (observed < threshold || observed <= e) return 0;
  return (observed - e) ** 2 / e;
}

export function decay(score: number, elapsedMs: number, halfLifeMs: number): number {
  return score * 0.5 ** (Math.max(0, elapsedMs) / halfLifeMs);
}

export interface TagTrendState {
  maxScore: number;
  /** Epoch ms of the best score, null for none. */
  maxScoreAt: number | null;
}

/** The tag's new best score and the score to show now. */
export function nextTagScore(
  previous: TagTrendState,
  today: number,
  yesterday: number,
  now: number,
): TagTrendState & { score: number } {
  return nextRiseScore(TREND_RULES.tag, previous, today, yesterday, now);
}

/** A link's, scored as tags are from the distinct accounts sharing it (Trends::Links). */
export function nextLinkScore(
  previous: TagTrendState,
  today: number,
  yesterday: number,
  now: number,
): TagTrendState & { score: number } {
  return nextRiseScore(TREND_RULES.link, previous, today, yesterday, now);
}

function nextRiseScore(
  rules: (typeof TREND_RULES)["tag" | "link"],
  previous: TagTrendState,
  today: number,
  yesterday: number,
  now: number,
): TagTrendState & { score: number } {
  const raw = riseScore(today, yesterday, rules.minAccounts);
  const stale = previous.maxScoreAt === null || previous.maxScoreAt < now - rules.cooldownMs;
  let maxScore = stale ? 0 : previous.maxScore;
  let maxScoreAt = stale ? null : previous.maxScoreAt;
  if (raw > maxScore) {
    maxScore = raw;
    maxScoreAt = now;
  }
  const shown = maxScoreAt === null ? 0 : decay(maxScore, now - maxScoreAt, rules.halfLifeMs);
  return { maxScore, maxScoreAt, score: shown < rules.decayThreshold ? 0 : shown };
}

/** A post's score now, from its interactions and age. */
export function statusScore(interactions: number, ageMs: number): number {
  const rules = TREND_RULES.status;
  const shown = decay(riseScore(interactions, 1, rules.minInteractions), ageMs, rules.halfLifeMs);
  return shown < rules.decayThreshold ? 0 : shown;
}
