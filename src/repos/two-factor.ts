// Two-factor state of users: the sealed TOTP seed and the hashed recovery codes.
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { UserTwoFactorTable } from "../db/schema/index.ts";

export type TwoFactorRow = Selectable<UserTwoFactorTable>;

export async function findTwoFactor(db: Db, userId: string): Promise<TwoFactorRow | undefined> {
  return db
    .selectFrom("user_two_factor")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function savePendingSecret(
  db: Db,
  userId: string,
  sealed: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("user_two_factor")
    .values({
      user_id: userId,
      pending_secret: sealed,
      otp_secret: null,
      enabled_at: null,
      last_used_step: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ pending_secret: sealed, updated_at: now }),
    )
    .execute();
}

/** Replaces all of a user's recovery codes; call inside a transaction. */
async function writeRecoveryCodes(
  db: Db,
  userId: string,
  codeHashes: { id: string; hash: string }[],
  now: string,
): Promise<void> {
  await db.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto("user_recovery_codes")
    .values(
      codeHashes.map((c) => ({
        id: c.id,
        user_id: userId,
        code_hash: c.hash,
        used_at: null,
        created_at: now,
      })),
    )
    .execute();
}

export async function enableTwoFactor(
  db: Db,
  userId: string,
  sealed: string,
  step: number,
  codeHashes: { id: string; hash: string }[],
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user_two_factor")
      .set({
        otp_secret: sealed,
        pending_secret: null,
        enabled_at: now,
        last_used_step: String(step),
        updated_at: now,
      })
      .where("user_id", "=", userId)
      .execute();
    await writeRecoveryCodes(trx, userId, codeHashes, now);
  });
}

/** Records the step a code was used for; false when that step (or a later one) was used already. */
export async function useTotpStep(
  db: Db,
  userId: string,
  step: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("user_two_factor")
    .set({ last_used_step: String(step), updated_at: now })
    .where("user_id", "=", userId)
    .where((eb) =>
      eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", String(step))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Consumes an unused recovery code with this hash; false when there is none. */
export async function useRecoveryCode(
  db: Db,
  userId: string,
  codeHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("user_recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("user_recovery_codes")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function disableTwoFactor(db: Db, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_two_factor").where("user_id", "=", userId).execute();
  });
}

/** Replaces every recovery code of a user (used or not) with new ones (settings page). */
export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  codeHashes: { id: string; hash: string }[],
  now: string,
): Promise<void> {
  await db.transaction().execute((trx) => writeRecoveryCodes(trx, userId, codeHashes, now));
}
