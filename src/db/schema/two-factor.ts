export interface UserTwoFactorTable {
  user_id: string;
  /** Sealed TOTP seed awaiting confirmation (lib/secret-box). */
  pending_secret: string | null;
  /** Sealed TOTP seed in use. */
  otp_secret: string | null;
  enabled_at: string | null;
  /** bigint in SQL, a decimal string here like every bigint. */
  last_used_step: string | null;
  updated_at: string;
}

export interface UserRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}
