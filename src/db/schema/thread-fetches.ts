// 0032-thread-fetches: when a remote post's replies collection was last fetched.
export interface StatusReplyFetchesTable {
  status_id: string;
  fetched_at: string;
}
