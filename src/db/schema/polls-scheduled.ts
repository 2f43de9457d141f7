// 0018-polls-scheduled: polls with their votes, and statuses waiting to be published.
import type { ColumnType, Generated } from "kysely";

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PollsTable {
  id: string;
  status_id: string;
  account_id: string;
  /** Option titles in order; written as a JSON string, read back parsed. */
  options: ColumnType<string[], string, string>;
  multiple: Generated<boolean>;
  hide_totals: Generated<boolean>;
  expires_at: Nullable<string>;
  /** bigint: a decimal string on both databases. */
  votes_count: Generated<string>;
  voters_count: Generated<string>;
  /** Set by the `poll.close` job at expires_at. */
  closed_at: Nullable<string>;
  /** 0028: a remote poll's per-option counts as its server reports them; null when local. */
  remote_tallies: ColumnType<number[] | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export interface PollVotesTable {
  id: string;
  poll_id: string;
  account_id: string;
  choice: number;
  uri: Nullable<string>;
  created_at: string;
}

/** What a scheduled post will be posted with (Mastodon's ScheduledStatus params). */
export interface ScheduledStatusParams {
  text: string;
  poll: { options: string[]; expires_in: number; multiple: boolean; hide_totals: boolean } | null;
  media_ids: string[] | null;
  sensitive: boolean | null;
  spoiler_text: string | null;
  visibility: string;
  in_reply_to_id: string | null;
  language: string | null;
  application_id: string | null;
  quoted_status_id: string | null;
  quote_approval_policy: string | null;
  scheduled_at: null;
  idempotency: null;
  with_rate_limit: false;
}

export interface ScheduledStatusesTable {
  id: string;
  account_id: string;
  scheduled_at: string;
  params: ColumnType<ScheduledStatusParams, string, string>;
  idempotency_key: Nullable<string>;
  created_at: string;
}
