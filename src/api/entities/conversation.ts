// Conversation — https://docs.joinmastodon.org/entities/Conversation/
import type { Account } from "./account.ts";
import type { Status } from "./status.ts";

export interface ConversationEntity {
  id: string;
  unread: boolean;
  accounts: Account[];
  last_status: Status | null;
}

export function toConversation(
  c: { id: string; unread: boolean },
  accounts: Account[],
  lastStatus: Status | null,
): ConversationEntity {
  return { id: String(c.id), unread: Boolean(c.unread), accounts, last_status: lastStatus };
}
