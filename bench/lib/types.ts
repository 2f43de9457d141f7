// The contract between bench/run.ts and the scenarios in bench/scenarios/.

export interface ScenarioContext {
  /** Fewer runs and shorter windows: a smoke check, not numbers to compare. */
  readonly quick: boolean;
  /** Pin servers to CPU 0 and load generators to CPU 1 with taskset (recorded in the result). */
  readonly pin: boolean;
  /** Progress line on stderr (stdout stays free for the summary). */
  log(message: string): void;
}

/** One number worth a line in the index: value, the same-run baseline, and the target. */
export interface Headline {
  label: string;
  value: number;
  unit: string;
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** As written in performance.md, e.g. "≤ 300 ms". */
  target?: string;
  met?: boolean;
}

export interface ScenarioResult {
  /** False when the measurement is not valid (wrong status codes, errors); run.ts exits 1. */
  ok: boolean;
  problems: string[];
  parameters: Record<string, unknown>;
  /** Raw per-run measurements, kept so the summary can be recomputed. */
  samples: unknown;
  summary: Record<string, unknown>;
  headlines: Headline[];
  /** Markdown body for bench/results/<name>.md (tables, notes), without the page title. */
  markdown: string;
}

export interface Scenario {
  name: string;
  title: string;
  /** performance.md section it implements, e.g. "S7". */
  ref?: string;
  description: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
