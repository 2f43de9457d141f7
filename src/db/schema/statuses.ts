// 0009-statuses: posts, their mentions and hashtags, idempotency keys of POST /api/v1/statuses.
import type { ColumnType, Generated } from "kysely";

export interface StatusesTable {
  id: string;
  uri: string;
  url: string | null;
  account_id: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  /** Boosts: the boosted status (a boost has no text and no conversation). */
  reblog_of_id: string | null;
  /** The thread (0013): a new post starts one, a reply joins its parent's. */
  conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source text (local posts); `content` is the HTML made from it. */
  text: Generated<string>;
  content: Generated<string>;
  spoiler_text: Generated<string>;
  visibility: "public" | "unlisted" | "private" | "direct";
  sensitive: Generated<boolean>;
  language: string | null;
  application_id: string | null;
  replies_count: Generated<number>;
  reblogs_count: Generated<number>;
  favourites_count: Generated<number>;
  /** 0015: accepted quotes of this post. */
  quotes_count: Generated<number>;
  /** 0015: who may quote it, Mastodon's integer (domain/quote-policy.ts). */
  quote_approval_policy: Generated<number>;
  /** 0015: the quote this post makes (quotes.id), null for none. */
  quote_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0018: its poll (polls.id), null for none: hydration looks polls up only when set. */
  poll_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0025: a remote reply's parent id, kept when the parent is not known here. */
  in_reply_to_uri: ColumnType<string | null, string | null | undefined, string | null>;
  local: boolean;
  edited_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MentionsTable {
  id: string;
  status_id: string;
  account_id: string;
  /** Carried over from the thread without being written in the text. */
  silent: Generated<boolean>;
}

export interface TagsTable {
  id: string;
  /** Lower case: the lookup key. */
  name: string;
  display_name: string;
  created_at: string;
}

export interface StatusTagsTable {
  status_id: string;
  tag_id: string;
}

export interface IdempotencyKeysTable {
  id: string;
  account_id: string;
  key: string;
  status_id: string;
  created_at: string;
}
