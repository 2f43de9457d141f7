// Link preview cards (one row per URL) and the statuses showing them.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { authorNotMutedBy } from "../db/queries/reader-filters.ts";
import {
  byAuthors,
  countedInWindow,
  dailyAuthorCounts,
  type TrendWindow,
} from "../db/queries/trend-window.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { PreviewCardsTable } from "../db/schema/index.ts";
import type { StatusRow } from "./statuses.ts";

export type PreviewCardRow = Selectable<PreviewCardsTable>;

export async function findCardByUrl(db: Db, url: string): Promise<PreviewCardRow | undefined> {
  return db.selectFrom("preview_cards").selectAll().where("url", "=", url).executeTakeFirst();
}

/** Creates the card of `card.url`, or refreshes it (keeping its id); returns its id. */
export async function saveCard(db: Db, card: PreviewCardRow): Promise<string> {
  const { id: _id, url: _url, created_at: _created, ...fields } = card;
  const row = await db
    .insertInto("preview_cards")
    .values(card)
    .onConflict((oc) => oc.column("url").doUpdateSet(fields))
    .returning("id")
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Points a status at its card (a status shows one card; the latest fetch wins). */
export async function linkStatusCard(db: Db, statusId: string, cardId: string): Promise<void> {
  await db
    .insertInto("status_cards")
    .values({ status_id: statusId, card_id: cardId })
    .onConflict((oc) => oc.column("status_id").doUpdateSet({ card_id: cardId }))
    .execute();
}

/** The cards of a page of statuses, keyed by status id: one query. */
export async function findCardsOfStatuses(
  db: Db,
  statusIds: readonly string[],
): Promise<Map<string, PreviewCardRow>> {
  if (statusIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("status_cards")
    .innerJoin("preview_cards", "preview_cards.id", "status_cards.card_id")
    .selectAll("preview_cards")
    .select("status_cards.status_id")
    .where("status_cards.status_id", "in", statusIds)
    .execute();
  return new Map(rows.map(({ status_id, ...card }) => [String(status_id), card]));
}

export interface LinkCandidate {
  cardId: string;
  url: string;
  /** Distinct accounts sharing it today and yesterday. */
  today: number;
  yesterday: number;
}

/**
 * Distinct accounts per card in public, live, original posts of discoverable unsuspended
 * authors, today and yesterday (as countTagAccounts in repos/trends.ts).
 */
export async function countLinkSharers(db: Db, window: TrendWindow): Promise<LinkCandidate[]> {
  const rows = await db
    .selectFrom("status_cards")
    .innerJoin("statuses", "statuses.id", "status_cards.status_id")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .innerJoin("preview_cards", "preview_cards.id", "status_cards.card_id")
    .select(["preview_cards.id", "preview_cards.url", ...dailyAuthorCounts(window)])
    .where(countedInWindow(window))
    .where("accounts.discoverable", "=", true)
    .groupBy(["preview_cards.id", "preview_cards.url"])
    .orderBy(byAuthors, "desc")
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({
    cardId: String(r.id),
    url: r.url,
    today: Number(r.today),
    yesterday: Number(r.yesterday),
  }));
}

/** Trending links a moderator approved, best first (trends.target_id is the card's URL). */
export async function findTrendingCards(
  db: Db,
  page: { limit: number; offset: number },
): Promise<PreviewCardRow[]> {
  return db
    .selectFrom("trends")
    .innerJoin("preview_cards", "preview_cards.url", "trends.target_id")
    .selectAll("preview_cards")
    .where("trends.kind", "=", "link")
    .where("trends.score", ">", 0)
    .where("trends.review", "=", "approved")
    .orderBy("trends.score", "desc")
    .orderBy("preview_cards.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The card of `url` when its link trends and was approved (the link timeline's gate). */
export async function findApprovedTrendingCard(
  db: Db,
  url: string,
): Promise<PreviewCardRow | undefined> {
  return db
    .selectFrom("trends")
    .innerJoin("preview_cards", "preview_cards.url", "trends.target_id")
    .selectAll("preview_cards")
    .where("trends.kind", "=", "link")
    .where("trends.target_id", "=", url)
    .where("trends.review", "=", "approved")
    .executeTakeFirst();
}

/**
 * Posts and distinct accounts per card and day, for days starting at `boundaries[i]` and
 * ending at `boundaries[i + 1]` (ascending ISO timestamps): one query for all cards, as
 * countTagUses in repos/tags.ts. `sinceId` bounds the scan by the status primary key.
 */
export async function countCardUses(
  db: Db,
  cardIds: readonly string[],
  boundaries: readonly string[],
  sinceId: string,
): Promise<{ cardId: string; day: number; uses: number; accounts: number }[]> {
  const first = boundaries[0];
  const last = boundaries[boundaries.length - 1];
  if (cardIds.length === 0 || first === undefined || last === undefined) return [];
  const whens = boundaries
    .slice(1)
    .map((end, i) => sql`when statuses.created_at < ${end} then ${sql.lit(i)}`);
  const inner = db
    .selectFrom("status_cards")
    .innerJoin("statuses", "statuses.id", "status_cards.status_id")
    .select([
      "status_cards.card_id",
      "statuses.account_id",
      sql<number>`case ${sql.join(whens, sql` `)} end`.as("day"),
    ])
    .where("status_cards.card_id", "in", [...cardIds])
    .where(sql<boolean>`status_cards.status_id >= cast(${sinceId} as bigint)`)
    .where("statuses.created_at", ">=", first)
    .where("statuses.created_at", "<", last)
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.deleted_at", "is", null);
  const rows = await db
    .selectFrom(inner.as("u"))
    .select([
      "u.card_id",
      "u.day",
      sql<number>`count(*)`.as("uses"),
      sql<number>`count(distinct u.account_id)`.as("accounts"),
    ])
    .groupBy(["u.card_id", "u.day"])
    .execute();
  return rows.map((r) => ({
    cardId: String(r.card_id),
    day: Number(r.day),
    uses: Number(r.uses),
    accounts: Number(r.accounts),
  }));
}

/** Public, original posts showing the card, by discoverable authors (Mastodon's LinkFeed). */
export async function findStatusesWithCard(
  db: Db,
  cardId: string,
  readerId: string | null,
  page: Page,
  q: { scope: "all" | "local" | "remote"; now: string },
): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses")
    .innerJoin("status_cards", "status_cards.status_id", "statuses.id")
    .innerJoin("accounts as author", "author.id", "statuses.account_id")
    .selectAll("statuses")
    .where("status_cards.card_id", "=", cardId)
    .where("statuses.visibility", "=", "public")
    .where("statuses.reblog_of_id", "is", null)
    .where("statuses.deleted_at", "is", null)
    .where("author.discoverable", "=", true)
    .where(visibleTo(readerId));
  if (q.scope === "local") query = query.where("statuses.local", "=", true);
  if (q.scope === "remote") query = query.where("statuses.local", "=", false);
  if (readerId !== null)
    query = query.where(authorNotMutedBy(readerId, "statuses.account_id", q.now));
  return inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
}

/** An edited post loses its card until the job has looked at its new text. */
export async function unlinkStatusCard(db: Db, statusId: string): Promise<void> {
  await db.deleteFrom("status_cards").where("status_id", "=", statusId).execute();
}
