export interface WebSessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the cookie's token. */
  token_hash: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}
