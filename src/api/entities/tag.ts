// The Tag and FeaturedTag entities — https://docs.joinmastodon.org/entities/Tag/ and
// https://docs.joinmastodon.org/entities/FeaturedTag/
// Counts are strings and days unix timestamps in strings, as Mastodon sends them. `following`
// and `featuring` appear only for a signed-in viewer (absent, not false, for anyone else).
import type { LoadedTag } from "../../services/tags/common.ts";
import type { LoadedFeaturedTag } from "../../services/tags/featured-common.ts";

export interface TagHistory {
  day: string;
  uses: string;
  accounts: string;
}

export interface Tag {
  /** "" for a valid name nobody has used yet (Mastodon's unsaved Tag). */
  id: string;
  name: string;
  url: string;
  history: TagHistory[];
  following?: boolean;
  featuring?: boolean;
}

export interface FeaturedTag {
  id: string;
  name: string;
  url: string;
  statuses_count: string;
  last_status_at: string | null;
}

export function tagUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/tags/${encodeURIComponent(name)}`;
}

export function toTag(tag: LoadedTag, baseUrl: string): Tag {
  const entity: Tag = {
    id: tag.id ?? "",
    name: tag.displayName,
    url: tagUrl(baseUrl, tag.name),
    history: tag.history.map((d) => ({
      day: String(d.day),
      uses: String(d.uses),
      accounts: String(d.accounts),
    })),
  };
  if (tag.following !== undefined) entity.following = tag.following;
  if (tag.featuring !== undefined) entity.featuring = tag.featuring;
  return entity;
}

export function toFeaturedTag(featured: LoadedFeaturedTag, baseUrl: string): FeaturedTag {
  const { username, domain } = featured.account;
  const acct = domain === null ? username : `${username}@${domain}`;
  return {
    id: featured.id,
    name: featured.displayName,
    // Mastodon's short_account_tag_url: the profile filtered to posts with the tag.
    url: `${baseUrl}/@${acct}/tagged/${encodeURIComponent(featured.name)}`,
    statuses_count: String(featured.statusesCount),
    last_status_at: featured.lastStatusAt,
  };
}
