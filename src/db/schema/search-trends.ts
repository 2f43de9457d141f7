// 0024-search-trends: dismissed follow suggestions and trends. The full-text index of
// statuses (an FTS5 table on SQLite, an expression index on PostgreSQL) is read only through
// raw SQL in repos/search.ts, so it has no interface here.

export interface SuggestionDismissalsTable {
  id: string;
  account_id: string;
  target_account_id: string;
  created_at: string;
}

export type TrendKind = "tag" | "status" | "link";
export type TrendReview = "pending" | "approved" | "rejected";

export interface TrendsTable {
  id: string;
  kind: TrendKind;
  /** tags.id or statuses.id (as text), or the link's URL. */
  target_id: string;
  /** The decayed score shown; 0 once it no longer trends. */
  score: number;
  max_score: number;
  max_score_at: string | null;
  review: TrendReview;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}
