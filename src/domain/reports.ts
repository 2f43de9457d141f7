// Reports as Mastodon's Report model has them: the categories, the comment limit (local
// reports only; a Flag from another server is kept whole up to a safety cap), and how the
// category follows from the rules cited.

export const REPORT_CATEGORIES = ["spam", "legal", "violation", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Report::COMMENT_SIZE_LIMIT, in characters (code points). */
export const REPORT_COMMENT_LIMIT = 1000;
/** Comments of incoming Flags are cut here: nothing to refuse, but no unbounded text either. */
export const REMOTE_REPORT_COMMENT_LIMIT = 10_000;
/** Statuses one report may attach (Mastodon has no number; a request cannot name more). */
export const REPORT_STATUS_LIMIT = 100;

export function isReportCategory(value: string): value is ReportCategory {
  return (REPORT_CATEGORIES as readonly string[]).includes(value);
}

/**
 * ReportService: citing rules makes the report a `violation` whatever was asked; otherwise
 * the category asked for, `other` by default. Null: not a category.
 */
export function reportCategory(
  asked: string | undefined,
  ruleIds: readonly string[],
): ReportCategory | null {
  if (ruleIds.length > 0) return "violation";
  if (asked === undefined || asked === "") return "other";
  return isReportCategory(asked) ? asked : null;
}

export function commentLength(comment: string): number {
  return [...comment].length;
}

/** The first `limit` characters (code points) of `text`. */
export function truncateChars(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : chars.slice(0, limit).join("");
}
