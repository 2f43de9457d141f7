import type { ColumnType, Generated } from "kysely";

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  /** One subscription per access token (unique). */
  access_token_id: string;
  endpoint: string;
  /** The browser's P-256 public key and auth secret, base64url as the client sent them. */
  key_p256dh: string;
  key_auth: string;
  /** RFC 8291 aes128gcm when true, otherwise the legacy aesgcm draft (Mastodon's default). */
  standard: Generated<boolean>;
  /** Alert type → on; written as a JSON string, read back parsed. */
  alerts: ColumnType<Record<string, boolean>, string, string>;
  /** all | followed | follower | none */
  policy: string;
  /** The access token, sealed with lib/secret-box.ts (purpose "push token"). */
  access_token_box: string;
  created_at: string;
  updated_at: string;
}
