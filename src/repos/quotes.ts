// Quote posts: the `quotes` rows, the quoted post's policy and quotes_count, and the batched
// reads hydration needs (a page's quotes, what the viewer may know of the quoted posts, the
// follows that decide a `followers` policy).
import { type Insertable, type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import { visibleTo } from "../db/queries/visible-to.ts";
import type { QuotesTable } from "../db/schema/index.ts";
import type { StatusRow } from "./statuses.ts";

export type QuoteRow = Selectable<QuotesTable>;
export type QuoteState = QuoteRow["state"];

/** Writes the quote and marks its quoting status with it (statuses.quote_id). */
export async function insertQuote(db: Db, row: Insertable<QuotesTable>): Promise<void> {
  await db.insertInto("quotes").values(row).execute();
  await db
    .updateTable("statuses")
    .set({ quote_id: row.id })
    .where("id", "=", row.status_id)
    .execute();
}

/** The quotes made by these (quoting) statuses. */
export async function findQuotesOfStatuses(
  db: Db,
  statusIds: readonly string[],
): Promise<QuoteRow[]> {
  if (statusIds.length === 0) return [];
  return db
    .selectFrom("quotes")
    .selectAll()
    .where("status_id", "in", [...statusIds])
    .execute();
}

/** The quote `quotingStatusId` makes of `quotedStatusId`, if it does. */
export async function findQuoteBetween(
  db: Db,
  quotedStatusId: string,
  quotingStatusId: string,
): Promise<QuoteRow | undefined> {
  return db
    .selectFrom("quotes")
    .selectAll()
    .where("status_id", "=", quotingStatusId)
    .where("quoted_status_id", "=", quotedStatusId)
    .executeTakeFirst();
}

/** Moves a quote from one of `from` to `to`; false when it was in none of them (raced). */
export async function changeQuoteState(
  db: Db,
  id: string,
  from: readonly QuoteState[],
  to: QuoteState,
  at: string,
): Promise<boolean> {
  const rows = await db
    .updateTable("quotes")
    .set({ state: to, updated_at: at })
    .where("id", "=", id)
    .where("state", "in", [...from])
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** Every quote of a deleted post becomes `deleted`; its quoting posts stay. */
export async function markQuotesOfDeleted(
  db: Db,
  quotedStatusId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("quotes")
    .set({ state: "deleted", updated_at: at })
    .where("quoted_status_id", "=", quotedStatusId)
    .where("state", "!=", "deleted")
    .execute();
}

/** Removes the quote a (deleted) post made; returns it so the count can move back. */
export async function deleteQuoteOf(db: Db, statusId: string): Promise<QuoteRow | undefined> {
  const [row] = await db
    .deleteFrom("quotes")
    .where("status_id", "=", statusId)
    .returningAll()
    .execute();
  if (row !== undefined)
    await db.updateTable("statuses").set({ quote_id: null }).where("id", "=", statusId).execute();
  return row;
}

/** quotes_count by `delta`, never below zero. */
export async function adjustQuotesCount(db: Db, statusId: string, delta: 1 | -1): Promise<void> {
  await db
    .updateTable("statuses")
    .set({
      quotes_count: sql<number>`case when quotes_count + ${delta} < 0 then 0 else quotes_count + ${delta} end`,
    })
    .where("id", "=", statusId)
    .execute();
}

export async function setQuotePolicy(
  db: Db,
  statusId: string,
  policy: number,
  at: string,
): Promise<void> {
  await db
    .updateTable("statuses")
    .set({ quote_approval_policy: policy, updated_at: at })
    .where("id", "=", statusId)
    .execute();
}

export interface QuotingStatus {
  /** The quote row's id: the page cursor. */
  cursor: string;
  status: StatusRow;
}

/** Accepted quotes of a status that `viewerId` may see, newest quote first. */
export async function listQuotingStatuses(
  db: Db,
  quotedStatusId: string,
  viewerId: string,
  page: Page,
): Promise<QuotingStatus[]> {
  const query = db
    .selectFrom("quotes")
    .innerJoin("statuses", "statuses.id", "quotes.status_id")
    .selectAll("statuses")
    .select(sql<string>`${sql.ref("quotes.id")}`.as("quote_cursor"))
    .where("quotes.quoted_status_id", "=", quotedStatusId)
    .where("quotes.state", "=", "accepted")
    .where(visibleTo(viewerId));
  const rows = inDisplayOrder(await paginate(query, "quotes.id", page).execute(), page);
  return rows.map(({ quote_cursor, ...status }) => ({ cursor: String(quote_cursor), status }));
}

/** What a viewer may be told about a quoted post, whether or not it may see it (no content). */
export interface QuotedFacts {
  id: string;
  accountId: string;
  deleted: boolean;
  /** The viewer may see it (db/queries/visible-to.ts). */
  visible: boolean;
  /** The viewer blocks its author. */
  blocking: boolean;
  /** The viewer mutes its author (unexpired). */
  muting: boolean;
}

export async function findQuotedFacts(
  db: Db,
  ids: readonly string[],
  viewerId: string | null,
  now: string,
): Promise<QuotedFacts[]> {
  if (ids.length === 0) return [];
  const viewer = sql<string>`cast(${viewerId ?? "0"} as bigint)`;
  const rows = await db
    .selectFrom("statuses")
    .select((eb) => [
      "statuses.id",
      "statuses.account_id",
      "statuses.deleted_at",
      visibleTo(viewerId)(eb).as("visible"),
      eb
        .exists(
          eb
            .selectFrom("blocks as b")
            .select(sql`1`.as("one"))
            .where("b.account_id", "=", viewer)
            .whereRef("b.target_account_id", "=", "statuses.account_id"),
        )
        .as("blocking"),
      eb
        .exists(
          eb
            .selectFrom("mutes as m")
            .select(sql`1`.as("one"))
            .where("m.account_id", "=", viewer)
            .whereRef("m.target_account_id", "=", "statuses.account_id")
            .where((w) => w.or([w("m.expires_at", "is", null), w("m.expires_at", ">", now)])),
        )
        .as("muting"),
    ])
    .where("statuses.id", "in", [...ids])
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    accountId: String(r.account_id),
    deleted: r.deleted_at !== null,
    visible: Boolean(r.visible),
    blocking: viewerId !== null && Boolean(r.blocking),
    muting: viewerId !== null && Boolean(r.muting),
  }));
}

/** Among `accountIds`: whom the viewer follows, and who follows the viewer (one query). */
export async function findFollowsBothWays(
  db: Db,
  viewerId: string,
  accountIds: readonly string[],
): Promise<{ following: Set<string>; followedBy: Set<string> }> {
  const result = { following: new Set<string>(), followedBy: new Set<string>() };
  if (accountIds.length === 0) return result;
  const rows = await db
    .selectFrom("follows")
    .select(["account_id", "target_account_id"])
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", viewerId), eb("target_account_id", "in", [...accountIds])]),
        eb.and([eb("target_account_id", "=", viewerId), eb("account_id", "in", [...accountIds])]),
      ]),
    )
    .execute();
  for (const r of rows) {
    if (String(r.account_id) === viewerId) result.following.add(String(r.target_account_id));
    if (String(r.target_account_id) === viewerId) result.followedBy.add(String(r.account_id));
  }
  return result;
}

/** A pending quote answered by the quoted author's server: its new state and stamp. */
export async function settlePendingQuote(
  db: Db,
  id: string,
  to: "accepted" | "rejected",
  approvalUri: string | null,
  at: string,
): Promise<boolean> {
  const rows = await db
    .updateTable("quotes")
    .set({ state: to, approval_uri: approvalUri, updated_at: at })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .returning("id")
    .execute();
  return rows.length > 0;
}

export async function findQuoteById(db: Db, id: string): Promise<QuoteRow | undefined> {
  return db.selectFrom("quotes").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records the stamp (QuoteAuthorization) that approves an accepted quote. */
export async function setQuoteApproval(db: Db, id: string, approvalUri: string): Promise<void> {
  await db.updateTable("quotes").set({ approval_uri: approvalUri }).where("id", "=", id).execute();
}
