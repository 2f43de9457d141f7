// 0017-hashtags: followed and featured hashtags, one row per (account, tag) in each.

export interface TagFollowsTable {
  id: string;
  account_id: string;
  tag_id: string;
  created_at: string;
}

/** statuses_count and last_status_at are counted from status_tags when read. */
export interface FeaturedTagsTable {
  id: string;
  account_id: string;
  tag_id: string;
  created_at: string;
}
