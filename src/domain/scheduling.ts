// The rules of scheduled posts, as Mastodon's ScheduledStatus model and PostStatusService:
// how far ahead, how many, and which times are accepted. Pure; the time comes from the caller.

export const SCHEDULE_LIMITS = Object.freeze({
  /** A scheduled post must be at least this far ahead (Mastodon's MIN_SCHEDULE_OFFSET). */
  minOffsetMs: 5 * 60 * 1000,
  /** Pending scheduled posts per account. */
  total: 300,
  /** Pending scheduled posts per account on one (UTC) day. */
  daily: 25,
});

/** The UTC day containing `at`, as [start, end) ISO strings. */
export function utcDay(at: Date): [string, string] {
  const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return [new Date(start).toISOString(), new Date(start + 86_400_000).toISOString()];
}

export const SCHEDULE_ERRORS = Object.freeze({
  tooSoon: "Validation failed: Scheduled at The scheduled date must be in the future",
  invalid: "Validation failed: Scheduled at is not a valid date",
  total: `Validation failed: You have exceeded the limit of ${SCHEDULE_LIMITS.total} scheduled posts`,
  daily: `Validation failed: You have exceeded the limit of ${SCHEDULE_LIMITS.daily} scheduled posts for today`,
});

/** Parses `scheduled_at` (an ISO time); undefined when it is not one. */
export function parseScheduledAt(value: string): Date | undefined {
  // Date.parse accepts odd shapes ("1", "June"); Mastodon takes ISO-8601 date-times.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value))
    return undefined;
  // Without a zone, a time is UTC (as Rails' to_datetime), whatever the server's zone.
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) || !value.includes(":") ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
