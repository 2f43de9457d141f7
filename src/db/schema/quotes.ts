// 0015-quotes: quote posts, one row per quoting status.
export interface QuotesTable {
  id: string;
  /** The quoting status. */
  status_id: string;
  /** The quoted status and its author (null only for a remote quote not resolved yet). */
  quoted_status_id: string | null;
  quoted_account_id: string | null;
  /** One of domain/quote-policy.ts QUOTE_STATES. */
  state: "pending" | "accepted" | "rejected" | "revoked" | "deleted" | "unauthorized";
  activity_uri: string | null;
  approval_uri: string | null;
  created_at: string;
  updated_at: string;
}
