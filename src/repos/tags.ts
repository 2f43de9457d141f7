// Hashtags: the tags themselves, how much they were used, and who follows or features them.
// Reads for a page are batched (one query per kind for all the tags of a page). Usage counts
// only live public and unlisted posts: the ones a hashtag page could show anyone.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { TagsTable } from "../db/schema/index.ts";

export type TagRow = Selectable<TagsTable>;

const LISTED = ["public", "unlisted"] as const;

/** The tag with this lookup key (already normalized). */
export async function findTagByName(db: Db, name: string): Promise<TagRow | undefined> {
  return db.selectFrom("tags").selectAll().where("name", "=", name).executeTakeFirst();
}

/** The tag with this lookup key, created (with `displayName` as written) when new. */
export async function findOrCreateTag(
  db: Db,
  tag: { id: string; name: string; displayName: string; at: string },
): Promise<TagRow> {
  await db
    .insertInto("tags")
    .values({ id: tag.id, name: tag.name, display_name: tag.displayName, created_at: tag.at })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return db.selectFrom("tags").selectAll().where("name", "=", tag.name).executeTakeFirstOrThrow();
}

export interface TagUse {
  tagId: string;
  /** Index into the day boundaries given (0: the first day). */
  day: number;
  uses: number;
  accounts: number;
}

/**
 * Posts and distinct authors per tag and day, for days starting at `boundaries[i]` and ending
 * at `boundaries[i + 1]` (ascending ISO timestamps): one query for all of `tagIds`.
 * `sinceId` is the smallest status id of the first day: ids sort by time, so the status_tags
 * (tag_id, status_id) index bounds the scan to the window instead of the tag's whole history.
 */
export async function countTagUses(
  db: Db,
  tagIds: readonly string[],
  boundaries: readonly string[],
  sinceId: string,
): Promise<TagUse[]> {
  const first = boundaries[0];
  const last = boundaries[boundaries.length - 1];
  if (tagIds.length === 0 || first === undefined || last === undefined) return [];
  const whens = boundaries
    .slice(1)
    .map((end, i) => sql`when statuses.created_at < ${end} then ${sql.lit(i)}`);
  const inner = db
    .selectFrom("status_tags")
    .innerJoin("statuses", "statuses.id", "status_tags.status_id")
    .select([
      "status_tags.tag_id",
      "statuses.account_id",
      sql<number>`case ${sql.join(whens, sql` `)} end`.as("day"),
    ])
    .where("status_tags.tag_id", "in", [...tagIds])
    .where(sql<boolean>`status_tags.status_id >= cast(${sinceId} as bigint)`)
    .where("statuses.created_at", ">=", first)
    .where("statuses.created_at", "<", last)
    .where("statuses.visibility", "in", LISTED)
    .where("statuses.deleted_at", "is", null);
  const rows = await db
    .selectFrom(inner.as("u"))
    .select([
      "u.tag_id",
      "u.day",
      sql<number>`count(*)`.as("uses"),
      sql<number>`count(distinct u.account_id)`.as("accounts"),
    ])
    .groupBy(["u.tag_id", "u.day"])
    .execute();
  return rows.map((r) => ({
    tagId: String(r.tag_id),
    day: Number(r.day),
    uses: Number(r.uses),
    accounts: Number(r.accounts),
  }));
}

/** Among `tagIds`, those `accountId` follows and those it features: one query. */
export async function findTagFlags(
  db: Db,
  accountId: string,
  tagIds: readonly string[],
): Promise<{ following: Set<string>; featuring: Set<string> }> {
  const flags = { following: new Set<string>(), featuring: new Set<string>() };
  if (tagIds.length === 0) return flags;
  const of = (table: "tag_follows" | "featured_tags", kind: string) =>
    db
      .selectFrom(table)
      .select([sql<string>`${sql.lit(kind)}`.as("kind"), "tag_id"])
      .where("account_id", "=", accountId)
      .where("tag_id", "in", [...tagIds]);
  for (const row of await of("tag_follows", "f").unionAll(of("featured_tags", "p")).execute()) {
    (row.kind === "f" ? flags.following : flags.featuring).add(String(row.tag_id));
  }
  return flags;
}

/** Inserts the (account, tag) pair unless present; true when a row was added. */
export async function insertTagPair(
  db: Db,
  table: "tag_follows" | "featured_tags",
  row: { id: string; accountId: string; tagId: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto(table)
    .values({ id: row.id, account_id: row.accountId, tag_id: row.tagId, created_at: row.at })
    .onConflict((oc) => oc.columns(["account_id", "tag_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

/** Deletes the pair; true when a row was there. */
export async function deleteTagPair(
  db: Db,
  table: "tag_follows" | "featured_tags",
  accountId: string,
  tagId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where("account_id", "=", accountId)
    .where("tag_id", "=", tagId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The tags `accountId` follows, newest follow first; the follow row id is the page cursor. */
export async function listFollowedTags(
  db: Db,
  accountId: string,
  page: Page,
): Promise<{ cursor: string; tag: TagRow }[]> {
  const query = db
    .selectFrom("tag_follows")
    .innerJoin("tags", "tags.id", "tag_follows.tag_id")
    .selectAll("tags")
    .select(sql<string>`tag_follows.id`.as("follow_id"))
    .where("tag_follows.account_id", "=", accountId);
  const rows = inDisplayOrder(await paginate(query, "tag_follows.id", page).execute(), page);
  return rows.map(({ follow_id, ...tag }) => ({ cursor: String(follow_id), tag }));
}

export interface FeaturedTagRow {
  id: string;
  tag: TagRow;
}

/** `accountId`'s featured tags (at most ten by the limit), oldest first. */
export async function listFeaturedTags(db: Db, accountId: string): Promise<FeaturedTagRow[]> {
  const rows = await db
    .selectFrom("featured_tags")
    .innerJoin("tags", "tags.id", "featured_tags.tag_id")
    .selectAll("tags")
    .select(sql<string>`featured_tags.id`.as("featured_id"))
    .where("featured_tags.account_id", "=", accountId)
    .orderBy("featured_tags.id")
    .execute();
  return rows.map(({ featured_id, ...tag }) => ({ id: String(featured_id), tag }));
}

/** One featured tag of `accountId`, by the featured tag's id or by the tag's. */
export async function findFeaturedTag(
  db: Db,
  accountId: string,
  by: { id: string } | { tagId: string },
): Promise<FeaturedTagRow | undefined> {
  const row = await db
    .selectFrom("featured_tags")
    .innerJoin("tags", "tags.id", "featured_tags.tag_id")
    .selectAll("tags")
    .select(sql<string>`featured_tags.id`.as("featured_id"))
    .where("featured_tags.account_id", "=", accountId)
    .where(
      "id" in by ? "featured_tags.id" : "featured_tags.tag_id",
      "=",
      "id" in by ? by.id : by.tagId,
    )
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { featured_id, ...tag } = row;
  return { id: String(featured_id), tag };
}

export async function countFeaturedTags(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("featured_tags")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * For each of `tagIds`, how many live public or unlisted posts of `accountId` carry it and
 * when the latest was made (Mastodon's FeaturedTag counters): one query.
 */
export async function countAccountTagUses(
  db: Db,
  accountId: string,
  tagIds: readonly string[],
): Promise<Map<string, { count: number; lastAt: string | null }>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("statuses")
    .innerJoin("status_tags", "status_tags.status_id", "statuses.id")
    .select([
      "status_tags.tag_id",
      sql<number>`count(*)`.as("n"),
      sql<string | null>`max(statuses.created_at)`.as("last_at"),
    ])
    .where("statuses.account_id", "=", accountId)
    .where("status_tags.tag_id", "in", [...tagIds])
    .where("statuses.visibility", "in", LISTED)
    .where("statuses.deleted_at", "is", null)
    .groupBy("status_tags.tag_id")
    .execute();
  return new Map(
    rows.map((r) => [String(r.tag_id), { count: Number(r.n), lastAt: r.last_at ?? null }]),
  );
}

/**
 * The tags `accountId` used most in its latest `recent` live posts, most used first, leaving
 * out those it already features (Mastodon's suggestions_for_account).
 */
export async function findMostUsedTags(
  db: Db,
  accountId: string,
  options: { recent: number; limit: number },
): Promise<TagRow[]> {
  const recent = db
    .selectFrom("statuses")
    .select("id")
    .where("account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .orderBy("id", "desc")
    .limit(options.recent);
  const featured = db
    .selectFrom("featured_tags")
    .select("tag_id")
    .where("account_id", "=", accountId);
  const rows = await db
    .selectFrom("status_tags")
    .innerJoin("tags", "tags.id", "status_tags.tag_id")
    .select(["tags.id", "tags.name", "tags.display_name", "tags.created_at"])
    .select(sql<number>`count(*)`.as("n"))
    .where("status_tags.status_id", "in", recent)
    .where("status_tags.tag_id", "not in", featured)
    .groupBy(["tags.id", "tags.name", "tags.display_name", "tags.created_at"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy("tags.name")
    .limit(options.limit)
    .execute();
  return rows.map(({ n: _n, ...tag }) => tag);
}
