import type { ColumnType, Generated } from "kysely";

export interface UsersTable {
  id: string;
  account_id: string;
  email: string;
  password_hash: string | null;
  /** null for an ordinary user; see domain/roles.ts. */
  role: string | null;
  locale: string | null;
  confirmed_at: string | null;
  approved: Generated<boolean>;
  disabled: Generated<boolean>;
  last_active_at: string | null;
  created_at: string;
  updated_at: string;
  // 0004-registrations: sign-up through the API and email confirmation.
  confirmation_token_hash: string | null;
  confirmation_sent_at: string | null;
  unconfirmed_email: string | null;
  sign_up_reason: string | null;
  agreement: Generated<boolean>;
  sign_up_ip: string | null;
  created_by_application_id: string | null;
  invite_id: string | null;
  // 0005-profiles: preferences as JSON, merged over defaults by domain/user-settings.ts.
  // Written as a JSON string, read back parsed on both databases.
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
}
