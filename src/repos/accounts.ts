// Accounts: local and remote alike (domain null for local). Usernames are unique per domain
// without regard to case.
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { AccountsTable } from "../db/schema/index.ts";

export type AccountRow = Selectable<AccountsTable>;

export async function insertAccount(db: Db, account: Insertable<AccountsTable>): Promise<void> {
  await db.insertInto("accounts").values(account).execute();
}

/** The local account with this username in any case, or undefined. */
export async function findLocalAccountByUsername(
  db: Db,
  username: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .selectAll()
    .where("domain", "is", null)
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", eb.fn("lower", [eb.val(username)])))
    .executeTakeFirst();
}
