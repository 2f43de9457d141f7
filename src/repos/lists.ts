// Lists (0023) and their members: the owner's CRUD, members tied to the follow that allows
// them (deleted with it), and the reads the API needs. Fan-out's reads are in list-feeds.ts.
import { type Selectable, sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { ListsTable } from "../db/schema/index.ts";

export type ListRow = Selectable<ListsTable>;

export async function insertList(db: Db, row: Omit<ListRow, "exclusive"> & { exclusive: boolean }) {
  await db.insertInto("lists").values(row).execute();
}

export async function countLists(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("lists")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The owner's lists, oldest first, as Mastodon returns them (clients sort by title). */
export function findListsOf(db: Db, accountId: string): Promise<ListRow[]> {
  return db
    .selectFrom("lists")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
}

export function findListById(db: Db, listId: string): Promise<ListRow | undefined> {
  return db.selectFrom("lists").selectAll().where("id", "=", listId).executeTakeFirst();
}

/** A list of `ownerId` (undefined when missing or someone else's: both answer 404). */
export function findOwnList(db: Db, ownerId: string, listId: string) {
  return db
    .selectFrom("lists")
    .selectAll()
    .where("id", "=", listId)
    .where("account_id", "=", ownerId)
    .executeTakeFirst();
}

export async function updateList(
  db: Db,
  listId: string,
  changes: Partial<Pick<ListRow, "title" | "replies_policy" | "exclusive">> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("lists").set(changes).where("id", "=", listId).execute();
}

/** Deletes the list, its members and its feed entries. */
export async function deleteList(db: Db, listId: string): Promise<void> {
  await db
    .deleteFrom("feed_entries")
    .where("feed", "=", "list")
    .where("feed_id", "=", listId)
    .execute();
  await db.deleteFrom("lists").where("id", "=", listId).execute();
}

/** The owner's lists that hold `accountId`. */
export function findListsHolding(db: Db, ownerId: string, accountId: string): Promise<ListRow[]> {
  return db
    .selectFrom("lists")
    .selectAll("lists")
    .innerJoin("list_accounts as la", "la.list_id", "lists.id")
    .where("lists.account_id", "=", ownerId)
    .where("la.account_id", "=", accountId)
    .orderBy("lists.id")
    .execute();
}

/** The follow ids `ownerId` has to each of `targetIds` (targets not followed are absent). */
export async function findFollowIds(
  db: Db,
  ownerId: string,
  targetIds: readonly string[],
): Promise<Map<string, string>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("follows")
    .select(["id", "target_account_id"])
    .where("account_id", "=", ownerId)
    .where("target_account_id", "in", [...targetIds])
    .execute();
  return new Map(rows.map((r) => [String(r.target_account_id), String(r.id)]));
}

/** Adds members; returns the account ids that were not members yet. */
export async function insertListAccounts(
  db: Db,
  listId: string,
  members: { accountId: string; followId: string | null }[],
  at: string,
): Promise<string[]> {
  if (members.length === 0) return [];
  const inserted = await db
    .insertInto("list_accounts")
    .values(
      members.map((m) => ({
        list_id: listId,
        account_id: m.accountId,
        follow_id: m.followId,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(["list_id", "account_id"]).doNothing())
    .returning("account_id")
    .execute();
  return inserted.map((r) => String(r.account_id));
}

/** Removes members; returns the account ids that were members. */
export async function deleteListAccounts(
  db: Db,
  listId: string,
  accountIds: readonly string[],
): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const deleted = await db
    .deleteFrom("list_accounts")
    .where("list_id", "=", listId)
    .where("account_id", "in", [...accountIds])
    .returning("account_id")
    .execute();
  return deleted.map((r) => String(r.account_id));
}

/**
 * Members of a list, paginated by the membership's own order (Mastodon pages list accounts
 * by account id); `page` null returns them all (limit=0).
 */
export async function findListMemberIds(
  db: Db,
  listId: string,
  page: Page | null,
): Promise<string[]> {
  const query = db.selectFrom("list_accounts").select("account_id").where("list_id", "=", listId);
  const rows =
    page === null
      ? await query.orderBy("account_id", "desc").execute()
      : inDisplayOrder(await paginate(query, "list_accounts.account_id", page).execute(), page);
  return rows.map((r) => String(r.account_id));
}

/** Whether `accountId` is a member of the list (the `list` replies policy). */
export async function isListMember(db: Db, listId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("list_accounts")
    .select(sql<number>`1`.as("one"))
    .where("list_id", "=", listId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** All lists of an owner with their members' addresses, for the CSV export. */
export async function findListMembersForExport(
  db: Db,
  ownerId: string,
): Promise<{ title: string; username: string; domain: string | null }[]> {
  return db
    .selectFrom("lists")
    .innerJoin("list_accounts as la", "la.list_id", "lists.id")
    .innerJoin("accounts as a", "a.id", "la.account_id")
    .select(["lists.title", "a.username", "a.domain"])
    .where("lists.account_id", "=", ownerId)
    .orderBy("lists.title")
    .orderBy("lists.id")
    .orderBy("a.username")
    .execute();
}
