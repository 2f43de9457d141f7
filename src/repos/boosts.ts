// Boosts: status rows whose reblog_of_id names the boosted post. Reads that hydration and the
// boost use cases need, batched (one query for a page), and the boosts' authors for
// reblogged_by. Writing a boost row is insertStatus (statuses.ts).
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { inDisplayOrder, type Page, paginate } from "../db/queries/paginate.ts";
import type { StatusRow } from "./statuses.ts";

/** `accountId`'s live boost of `statusId`, if any (at most one: statuses_one_boost). */
export async function findBoostBy(
  db: Db,
  accountId: string,
  statusId: string,
): Promise<StatusRow | undefined> {
  return db
    .selectFrom("statuses")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("reblog_of_id", "=", statusId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** Every live boost of `statusId` (deleting a post deletes its boosts). */
export async function findBoostsOf(db: Db, statusId: string): Promise<StatusRow[]> {
  return db
    .selectFrom("statuses")
    .selectAll()
    .where("reblog_of_id", "=", statusId)
    .where("deleted_at", "is", null)
    .execute();
}

/** Who boosted `statusId`, newest boost first: account ids with the boost's id as cursor. */
export async function listBoosters(
  db: Db,
  statusId: string,
  page: Page,
): Promise<{ cursor: string; accountId: string }[]> {
  const query = db
    .selectFrom("statuses")
    .innerJoin("accounts", "accounts.id", "statuses.account_id")
    .select(["statuses.id", "statuses.account_id"])
    .where("statuses.reblog_of_id", "=", statusId)
    .where("statuses.deleted_at", "is", null)
    .where("accounts.suspended_at", "is", null);
  const rows = inDisplayOrder(await paginate(query, "statuses.id", page).execute(), page);
  return rows.map((r) => ({ cursor: String(r.id), accountId: String(r.account_id) }));
}

/**
 * Soft-deletes the live boosts of `statusId` (its original is being deleted) and gives each
 * booster's statuses_count back; one live boost per account (statuses_one_boost), so a
 * single update of the accounts is exact.
 */
export async function deleteBoostsOf(db: Db, statusId: string, at: string): Promise<void> {
  const removed = await db
    .updateTable("statuses")
    .set({ deleted_at: at, updated_at: at })
    .where("reblog_of_id", "=", statusId)
    .where("deleted_at", "is", null)
    .returning("account_id")
    .execute();
  if (removed.length === 0) return;
  await db
    .updateTable("accounts")
    .set({
      statuses_count: sql<number>`case when statuses_count > 0 then statuses_count - 1 else 0 end`,
    })
    .where(
      "id",
      "in",
      removed.map((r) => r.account_id),
    )
    .execute();
}
