// Search: accounts by address, username or display name; hashtags by prefix; statuses by
// full text (SQLite FTS5 table `statuses_search`, PostgreSQL GIN expression index, both from
// migration 0024). Every user-supplied string is a bound parameter; LIKE wildcards are
// escaped and full-text terms are words only (domain/search-query.ts).
import { type ExpressionBuilder, sql } from "kysely";
import type { Db, Dialect } from "../db/index.ts";
import { authorNotSilencedFor } from "../db/queries/silenced.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { Database } from "../db/schema/index.ts";
import { escapeLike, fts5Match } from "../domain/search-query.ts";
import { excludedByViewer, followedBy, listedAccount } from "./account-filters.ts";
import type { AccountRow } from "./accounts.ts";
import type { StatusRow } from "./statuses.ts";
import type { TagRow } from "./tags.ts";

const like = (column: string, pattern: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

export interface AccountSearch {
  /** Lower-cased words; each must prefix the username, a display-name word or the domain. */
  words: string[];
  /** An address query (`user@host`): the username prefix and the domain (null: ours). */
  address: { username: string; domain: string | null } | null;
  viewerId: string | null;
  following: boolean;
  limit: number;
  offset: number;
  now: string;
}

/**
 * Matching accounts, ranked: the exact address first, then those the viewer follows, local
 * before remote (as Mastodon's database search), then by followers.
 */
export async function searchAccounts(db: Db, s: AccountSearch): Promise<AccountRow[]> {
  let query = db.selectFrom("accounts").selectAll("accounts").where(listedAccount);
  let exact: ReturnType<typeof sql<boolean>>;
  if (s.address !== null) {
    const { username, domain } = s.address;
    query = query.where(like("accounts.username", `${escapeLike(username)}%`));
    query =
      domain === null
        ? query.where("accounts.domain", "is", null)
        : query.where(like("accounts.domain", `${escapeLike(domain)}%`));
    exact =
      domain === null
        ? sql<boolean>`lower(accounts.username) = ${username}`
        : sql<boolean>`lower(accounts.username) = ${username} and lower(accounts.domain) = ${domain}`;
  } else {
    for (const word of s.words) {
      const prefix = `${escapeLike(word)}%`;
      query = query.where((eb) =>
        eb.or([
          like("accounts.username", prefix),
          like("accounts.display_name", prefix),
          like("accounts.display_name", `% ${prefix}`),
          like("accounts.domain", prefix),
        ]),
      );
    }
    // Limited accounts are found by their exact address only, unless followed.
    query = query.where(authorNotSilencedFor(s.viewerId, "accounts.id"));
    const whole = s.words.join(" ");
    exact = sql<boolean>`(lower(accounts.username) = ${whole} or lower(accounts.display_name) = ${whole})`;
  }
  if (s.viewerId !== null) {
    const viewerId = s.viewerId;
    query = query.where((eb) =>
      eb.not(excludedByViewer(eb, viewerId, { mutes: false, now: s.now })),
    );
    if (s.following) query = query.where((eb) => followedBy(eb, viewerId));
  }
  query = query.orderBy(sql`case when ${exact} then 0 else 1 end`);
  // (A constant is no sort key: `order by 1` would mean the first column.)
  if (s.viewerId !== null)
    query = query.orderBy(
      sql`case when exists (select 1 from follows f where f.account_id = cast(${s.viewerId} as bigint) and f.target_account_id = accounts.id) then 0 else 1 end`,
    );
  return query
    .orderBy(sql`case when accounts.domain is null then 0 else 1 end`)
    .orderBy("accounts.followers_count", "desc")
    .orderBy("accounts.id")
    .limit(s.limit)
    .offset(s.offset)
    .execute();
}

/** Tags whose name starts with `prefix` (a normalized name), shortest first, as Mastodon. */
export async function searchTags(
  db: Db,
  prefix: string,
  options: { limit: number; offset: number; excludeUnreviewed: boolean },
): Promise<TagRow[]> {
  let query = db
    .selectFrom("tags")
    .selectAll("tags")
    .where(like("tags.name", `${escapeLike(prefix)}%`));
  if (options.excludeUnreviewed) {
    // Reviewed: approved as a trend by a moderator. The exact name is always allowed.
    query = query.where((eb) =>
      eb.or([
        eb("tags.name", "=", prefix),
        eb.exists(
          eb
            .selectFrom("trends as t")
            .select(sql`1`.as("one"))
            .where("t.kind", "=", "tag")
            .where("t.review", "=", "approved")
            .whereRef("t.target_id", "=", sql`cast(tags.id as text)`),
        ),
      ]),
    );
  }
  return query
    .orderBy(sql`length(tags.name)`)
    .orderBy("tags.name")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export interface StatusSearch {
  terms: string[];
  viewerId: string;
  accountId: string | undefined;
  maxId: string | undefined;
  minId: string | undefined;
  limit: number;
  offset: number;
  now: string;
}

type StatusesEb = ExpressionBuilder<Database, "statuses">;

/**
 * Mastodon 4.2's rule for who may find a post by its words: its author; anyone who
 * favourited, bookmarked, boosted or replied to it or is mentioned in it; and, for public
 * posts of authors who opted in (`indexable`), everyone. Visibility is checked on top.
 */
function searchableBy(eb: StatusesEb, viewerId: string) {
  const viewer = sql<string>`cast(${viewerId} as bigint)`;
  // One subquery per table: Kysely cannot type a select from a union of table names.
  const favourited = eb.exists(
    eb
      .selectFrom("favourites as x")
      .select(sql`1`.as("one"))
      .whereRef("x.status_id", "=", "statuses.id")
      .where("x.account_id", "=", viewer),
  );
  const bookmarked = eb.exists(
    eb
      .selectFrom("bookmarks as x")
      .select(sql`1`.as("one"))
      .whereRef("x.status_id", "=", "statuses.id")
      .where("x.account_id", "=", viewer),
  );
  const mentioned = eb.exists(
    eb
      .selectFrom("mentions as x")
      .select(sql`1`.as("one"))
      .whereRef("x.status_id", "=", "statuses.id")
      .where("x.account_id", "=", viewer),
  );
  const own = (column: "in_reply_to_id" | "reblog_of_id") =>
    eb.exists(
      eb
        .selectFrom("statuses as mine")
        .select(sql`1`.as("one"))
        .whereRef(`mine.${column}`, "=", "statuses.id")
        .where("mine.account_id", "=", viewer)
        .where("mine.deleted_at", "is", null),
    );
  return eb.or([
    eb("statuses.account_id", "=", viewer),
    eb.and([
      eb("statuses.visibility", "=", "public"),
      eb.exists(
        eb
          .selectFrom("accounts as author")
          .select(sql`1`.as("one"))
          .whereRef("author.id", "=", "statuses.account_id")
          .where("author.indexable", "=", true),
      ),
    ]),
    favourited,
    bookmarked,
    mentioned,
    own("in_reply_to_id"),
    own("reblog_of_id"),
  ]);
}

/** The full-text condition; the PostgreSQL expression is the index's (migration 0024). */
function matches(dialect: Dialect, terms: readonly string[]) {
  if (dialect === "postgres") {
    return sql<boolean>`to_tsvector('simple', statuses.spoiler_text || ' ' || CASE WHEN statuses.local THEN statuses.text ELSE regexp_replace(statuses.content, '<[^>]*>', ' ', 'g') END) @@ plainto_tsquery('simple', ${terms.join(" ")})`;
  }
  return sql<boolean>`statuses.id in (select rowid from statuses_search where statuses_search match ${fts5Match(terms)})`;
}

/** Posts with every term that the viewer may find and see, newest first. */
export async function searchStatuses(
  db: Db,
  dialect: Dialect,
  s: StatusSearch,
): Promise<StatusRow[]> {
  if (s.terms.length === 0) return [];
  const viewer = sql<string>`cast(${s.viewerId} as bigint)`;
  let query = db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where("statuses.deleted_at", "is", null)
    .where("statuses.reblog_of_id", "is", null)
    .where(matches(dialect, s.terms))
    .where((eb) => searchableBy(eb, s.viewerId))
    .where(visibleTo(s.viewerId))
    .where(authorNotSilencedFor(s.viewerId, "statuses.account_id"))
    // Muted authors stay out, as Mastodon's StatusFilter does.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mutes as m")
            .select(sql`1`.as("one"))
            .where("m.account_id", "=", viewer)
            .whereRef("m.target_account_id", "=", "statuses.account_id")
            .where((m) => m.or([m("m.expires_at", "is", null), m("m.expires_at", ">", s.now)])),
        ),
      ),
    );
  if (s.accountId !== undefined) query = query.where("statuses.account_id", "=", s.accountId);
  if (s.maxId !== undefined)
    query = query.where(sql<boolean>`statuses.id < cast(${s.maxId} as bigint)`);
  if (s.minId !== undefined)
    query = query.where(sql<boolean>`statuses.id > cast(${s.minId} as bigint)`);
  return query.orderBy("statuses.id", "desc").limit(s.limit).offset(s.offset).execute();
}

/** A known account whose ActivityPub id or profile URL is `url`. */
export async function findAccountByUrl(db: Db, url: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .selectAll("accounts")
    .where((eb) => eb.or([eb("accounts.uri", "=", url), eb("accounts.url", "=", url)]))
    .where(listedAccount)
    .executeTakeFirst();
}

/** A known status whose ActivityPub id or URL is `url`, if the viewer may see it. */
export async function findVisibleStatusByUrl(
  db: Db,
  url: string,
  viewerId: string | null,
): Promise<StatusRow | undefined> {
  return db
    .selectFrom("statuses")
    .selectAll("statuses")
    .where((eb) => eb.or([eb("statuses.uri", "=", url), eb("statuses.url", "=", url)]))
    .where(visibleTo(viewerId))
    .executeTakeFirst();
}
