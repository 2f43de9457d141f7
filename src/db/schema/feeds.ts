// 0021-feeds: materialized home and list feeds.
export interface FeedEntriesTable {
  feed: "home" | "list";
  feed_id: string;
  status_id: string;
  account_id: string;
  reblog_of_id: string | null;
}
