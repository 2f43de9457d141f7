// The actors' key pairs (table account_keys): one per type per actor, the instance actor's
// with a null account_id. Rows are only ever added; a racing second insert does nothing.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { AccountKeysTable } from "../db/schema/index.ts";

export type AccountKeyRow = Selectable<AccountKeysTable>;

/** The keys of an account (null: the instance actor), oldest first. */
export async function findAccountKeys(db: Db, accountId: string | null): Promise<AccountKeyRow[]> {
  return db
    .selectFrom("account_keys")
    .selectAll()
    .where("account_id", accountId === null ? "is" : "=", accountId)
    .orderBy("id")
    .execute();
}

/** Inserts the keys; one that already exists for its actor and type is left as it was. */
export async function insertAccountKeys(
  db: Db,
  rows: Insertable<AccountKeysTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("account_keys")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
