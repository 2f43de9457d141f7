// 0013-boosts-conversations: threads, and the accounts that muted one.
import type { ColumnType } from "kysely";

export interface ConversationsTable {
  id: string;
  /** A remote thread's context id (later, federation); null for threads started here. */
  uri: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
}

export interface ConversationMutesTable {
  account_id: string;
  conversation_id: string;
  created_at: string;
}
