// 0019-federation: Fedify's key–value store and the actors' key pairs.
import type { ColumnType } from "kysely";

export interface FedifyKvTable {
  /** JSON.stringify of the key array. */
  key: string;
  /** JSON text (repos/fedify-kv.ts parses it). */
  value: string;
  expires_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountKeysTable {
  id: string;
  /** null: the instance actor. */
  account_id: string | null;
  type: "rsa" | "ed25519";
  /** JWK, JSON text. */
  public_key: string;
  /** JWK, JSON text sealed with lib/secret-box.ts (purpose "actor key"). */
  private_key: string;
  created_at: string;
}
