import type { Generated } from "kysely";

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
}
