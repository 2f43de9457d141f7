// Counters for rate limits. Fixed windows aligned to the period, as Mastodon's rack-attack
// counts, so X-RateLimit-Reset is the end of the current window. The in-memory store serves a
// single process; a Redis store with the same interface comes with multi-process deployments.

export interface RateLimitHit {
  count: number;
  /** When the current window ends. */
  resetAt: Date;
}

export interface RateLimitStore {
  hit(key: string, periodMs: number, now: Date): Promise<RateLimitHit>;
}

export function createMemoryRateLimitStore(maxKeys = 100_000): RateLimitStore {
  const windows = new Map<string, { windowEnd: number; count: number }>();
  return {
    async hit(key, periodMs, now) {
      const t = now.getTime();
      const windowEnd = (Math.floor(t / periodMs) + 1) * periodMs;
      const id = `${periodMs}:${key}`;
      let entry = windows.get(id);
      if (entry === undefined || entry.windowEnd <= t) {
        entry = { windowEnd, count: 0 };
        // Drop expired windows when the map grows, so memory stays bounded under a flood of IPs.
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (v.windowEnd <= t) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        windows.set(id, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetAt: new Date(entry.windowEnd) };
    },
  };
}
