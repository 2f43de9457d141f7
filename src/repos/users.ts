// Users: what only local accounts have (email, password hash, role, confirmation).
// Emails are unique without regard to case (the users_email index).
import type { Insertable, Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { UsersTable } from "../db/schema/index.ts";

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto("users").values(user).execute();
}

/** The user with this email in any case, or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", eb.fn("lower", [eb.val(email)])))
    .executeTakeFirst();
}

/** The user with this id, or undefined. */
export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records that the user used the server (the home feed follows active users only). */
export async function touchUser(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable("users").set({ last_active_at: now }).where("id", "=", id).execute();
}
