// Small descriptive statistics over samples (milliseconds, MiB, req/s...).

export interface Stats {
  n: number;
  min: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
  /** Sample standard deviation (0 for one sample). */
  stdev: number;
  /** stdev / mean: the run-to-run noise, comparable across metrics. */
  cv: number;
}

/** Percentile by linear interpolation between closest ranks; `sorted` must be ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function summarize(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? Number.NaN : sorted.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? 0 : sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const stdev = Math.sqrt(variance);
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    median: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    max: sorted[n - 1] ?? Number.NaN,
    mean,
    stdev,
    cv: mean === 0 ? 0 : stdev / mean,
  };
}

/** Rounds for display and JSON: keeps 3 significant decimals below 10, 1 above. */
export function round(value: number, digits = value !== 0 && Math.abs(value) < 10 ? 3 : 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function roundStats(stats: Stats): Stats {
  const out = { ...stats };
  for (const key of Object.keys(out) as (keyof Stats)[]) {
    out[key] = key === "n" ? stats.n : key === "cv" ? round(stats.cv, 3) : round(stats[key]);
  }
  return out;
}
