// A small in-process cache for values that are costly to compute and may be a little stale
// (instance counts). Concurrent misses share one load, so a burst of requests costs one query.
// With several processes each keeps its own copy: fine for values that tolerate the TTL.
import type { Clock } from "./clock.ts";

export interface TtlCache {
  /** The cached value, or the result of `load` (kept for `ttlMs`). A failed load is not kept. */
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  /** Forget a value after a change that makes it wrong. */
  delete(key: string): void;
}

export function createTtlCache(clock: Clock): TtlCache {
  const entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit !== undefined && hit.expires > now) return hit.value as Promise<T>;
      const value = load();
      const entry = { expires: now + ttlMs, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
