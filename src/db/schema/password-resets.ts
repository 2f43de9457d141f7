export interface PasswordResetsTable {
  id: string;
  user_id: string;
  /** SHA-256 (hex) of the token in the link. */
  token_hash: string;
  created_at: string;
  /** When the link was used or replaced by a newer one; null while it works. */
  used_at: string | null;
}
