// What the featured-tag use cases share: the entity's numbers, counted when read (how many
// live public or unlisted posts of the account carry the tag, and the day of the latest — as
// Mastodon's FeaturedTag), the limit, and the federation seam.
import type { AppContext } from "../../context.ts";
import { ACCOUNT_LIMITS } from "../../domain/limits.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { countAccountTagUses, type FeaturedTagRow } from "../../repos/tags.ts";

/** Mastodon's FeaturedTag::LIMIT, as GET /api/v2/instance advertises it. */
export const MAX_FEATURED_TAGS = ACCOUNT_LIMITS.maxFeaturedTags;

export interface LoadedFeaturedTag {
  id: string;
  /** The tag's lookup key and its spelling as first written. */
  name: string;
  displayName: string;
  statusesCount: number;
  /** The day (YYYY-MM-DD, UTC) of the latest post with the tag. */
  lastStatusAt: string | null;
  account: { username: string; domain: string | null };
}

/**
 * Featuring a tag is public: federation delivers Add (featuring) or Remove (no longer) of the
 * Hashtag to the followers, target the actor's featured-tags collection (sent as an Update(Person) for now: Fedify's
 * vocabulary refuses a Hashtag as an Add's object).
 */
export interface FeaturedTagFederationEffect {
  activity: "Add" | "Remove";
  actorId: string;
  tagId: string;
  tagName: string;
}

export function featuredEffect(
  activity: "Add" | "Remove",
  actorId: string,
  row: FeaturedTagRow,
): FeaturedTagFederationEffect {
  return { activity, actorId, tagId: String(row.tag.id), tagName: row.tag.name };
}

/** The entity data for `rows` of one account, most used first: two queries. */
export async function loadFeaturedTags(
  ctx: AppContext,
  accountId: string,
  rows: readonly FeaturedTagRow[],
): Promise<LoadedFeaturedTag[]> {
  if (rows.length === 0) return [];
  const [account, uses] = await Promise.all([
    findAccountById(ctx.db, accountId),
    countAccountTagUses(
      ctx.db,
      accountId,
      rows.map((r) => String(r.tag.id)),
    ),
  ]);
  if (account === undefined) return [];
  const loaded = rows.map((row) => {
    const use = uses.get(String(row.tag.id));
    return {
      id: row.id,
      name: row.tag.name,
      displayName: row.tag.display_name,
      statusesCount: use?.count ?? 0,
      lastStatusAt: use?.lastAt == null ? null : new Date(use.lastAt).toISOString().slice(0, 10),
      account: { username: account.username, domain: account.domain },
    };
  });
  // Mastodon lists one's featured tags by statuses_count, highest first.
  return loaded.sort((a, b) => b.statusesCount - a.statusesCount);
}
