import type { Generated } from "kysely";

/** Invite links (`/invite/:code`): join while registrations are closed, without approval. */
export interface InvitesTable {
  id: string;
  code: string;
  /** Who made the invite. */
  user_id: string;
  /** null: any number of uses. */
  max_uses: number | null;
  uses: Generated<number>;
  /** null: never expires. */
  expires_at: string | null;
  /** The invited follow the inviter (once follows exist). */
  autofollow: Generated<boolean>;
  comment: string | null;
  created_at: string;
  updated_at: string;
}
