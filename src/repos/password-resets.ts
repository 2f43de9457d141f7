// Password reset links (password_resets). Tokens arrive here hashed.
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { PasswordResetsTable } from "../db/schema/password-resets.ts";

export type PasswordResetRow = Selectable<PasswordResetsTable>;

/** Stores a new link and retires the user's earlier unused ones: only the newest works. */
export async function insertPasswordReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db
    .updateTable("password_resets")
    .set({ used_at: row.created_at })
    .where("user_id", "=", row.user_id)
    .where("used_at", "is", null)
    .execute();
  await db.insertInto("password_resets").values(row).execute();
}

export async function findPasswordReset(
  db: Db,
  tokenHash: string,
): Promise<PasswordResetRow | undefined> {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Marks the link used; false when another request used it first. */
export async function usePasswordReset(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: at })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPasswordHash(
  db: Db,
  userId: string,
  hash: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: hash, updated_at: at })
    .where("id", "=", userId)
    .execute();
}

/**
 * Spends every unused link of the user. H3 (security catalogue): once the password changed by
 * other means, a link mailed before must not set it again (Devise clears the token likewise).
 */
export async function retirePasswordResets(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable("password_resets")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}
