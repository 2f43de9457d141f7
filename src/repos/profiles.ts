// Reads and writes of profiles: accounts by id or address, a local user's own profile (account,
// role, settings), and the batched lookups that hydration of account lists uses (one query for
// the rows, one for the roles of the local ones, whatever the length of the list).
import type { Selectable, Updateable } from "kysely";
import type { Db } from "../db/index.ts";
import type { AccountsTable, UsersTable } from "../db/schema/index.ts";
import type { AccountRow } from "./accounts.ts";

export interface OwnProfileRow {
  account: AccountRow;
  userId: string;
  role: string | null;
  settings: Selectable<UsersTable>["settings"];
}

export async function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The accounts with these ids, in no particular order; unknown ids are skipped. */
export async function findAccountsByIds(db: Db, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

/** The account `username` on `domain` (null: ours), both without regard to case. */
export async function findAccountByAddress(
  db: Db,
  username: string,
  domain: string | null,
): Promise<AccountRow | undefined> {
  let query = db
    .selectFrom("accounts")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()));
  query =
    domain === null
      ? query.where("domain", "is", null)
      : query.where((eb) => eb(eb.fn("lower", ["domain"]), "=", domain.toLowerCase()));
  return query.executeTakeFirst();
}

/** users.role of the local accounts among `accountIds` (accounts without a user are absent). */
export async function findRolesOfAccounts(
  db: Db,
  accountIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["account_id", "role"])
    .where("account_id", "in", [...accountIds])
    .execute();
  return new Map(rows.map((r) => [String(r.account_id), r.role]));
}

export async function findOwnProfile(db: Db, userId: string): Promise<OwnProfileRow | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "account_id", "role", "settings"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (user === undefined) return undefined;
  const account = await findAccountById(db, user.account_id);
  if (account === undefined) return undefined;
  return { account, userId: user.id, role: user.role, settings: user.settings };
}

export type AccountChanges = Omit<Updateable<AccountsTable>, "id" | "username" | "domain">;

export async function updateAccount(db: Db, id: string, changes: AccountChanges): Promise<void> {
  await db.updateTable("accounts").set(changes).where("id", "=", id).execute();
}

export async function updateUserSettings(
  db: Db,
  userId: string,
  settings: Record<string, unknown>,
  at: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ settings: JSON.stringify(settings), updated_at: at })
    .where("id", "=", userId)
    .execute();
}
