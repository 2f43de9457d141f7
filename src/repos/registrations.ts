// What sign-up and email confirmation read and write on users. Tokens arrive here hashed.
import type { Db } from "../db/index.ts";

export interface SignUpDetails {
  locale: string | null;
  reason: string | null;
  agreement: boolean;
  ip: string | null;
  applicationId: string | null;
  inviteId: string | null;
}

/** Records how a user signed up; run in the sign-up transaction. */
export async function recordSignUp(db: Db, userId: string, details: SignUpDetails): Promise<void> {
  await db
    .updateTable("users")
    .set({
      locale: details.locale,
      sign_up_reason: details.reason,
      agreement: details.agreement,
      sign_up_ip: details.ip,
      created_by_application_id: details.applicationId,
      invite_id: details.inviteId,
    })
    .where("id", "=", userId)
    .execute();
}

/** Stores a new confirmation token (replacing any earlier one) and when it was sent. */
export async function setConfirmationToken(
  db: Db,
  userId: string,
  tokenHash: string,
  sentAt: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ confirmation_token_hash: tokenHash, confirmation_sent_at: sentAt, updated_at: sentAt })
    .where("id", "=", userId)
    .execute();
}

export interface ConfirmationTarget {
  userId: string;
  accountId: string;
  email: string;
  unconfirmedEmail: string | null;
  confirmedAt: string | null;
  confirmationSentAt: string | null;
  approved: boolean;
  locale: string | null;
  createdByApplicationId: string | null;
  username: string;
}

function selectTargets(db: Db) {
  return db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select([
      "u.id as userId",
      "u.account_id as accountId",
      "u.email as email",
      "u.unconfirmed_email as unconfirmedEmail",
      "u.confirmed_at as confirmedAt",
      "u.confirmation_sent_at as confirmationSentAt",
      "u.approved as approved",
      "u.locale as locale",
      "u.created_by_application_id as createdByApplicationId",
      "a.username as username",
    ]);
}

export async function findConfirmationTarget(
  db: Db,
  userId: string,
): Promise<ConfirmationTarget | undefined> {
  return selectTargets(db).where("u.id", "=", userId).executeTakeFirst();
}

export async function findUserByConfirmationTokenHash(
  db: Db,
  tokenHash: string,
): Promise<ConfirmationTarget | undefined> {
  return selectTargets(db).where("u.confirmation_token_hash", "=", tokenHash).executeTakeFirst();
}

/**
 * Marks the user confirmed; a pending new address becomes the address. False when someone
 * else confirmed first (the update matched nothing).
 */
export async function confirmUser(
  db: Db,
  target: ConfirmationTarget,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({
      confirmed_at: at,
      email: target.unconfirmedEmail ?? target.email,
      unconfirmed_email: null,
      updated_at: at,
    })
    .where("id", "=", target.userId)
    .where((eb) =>
      target.unconfirmedEmail === null
        ? eb("confirmed_at", "is", null)
        : eb("unconfirmed_email", "=", target.unconfirmedEmail),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces the address of a user who never confirmed one (nothing to protect yet). */
export async function replaceUnconfirmedEmail(
  db: Db,
  userId: string,
  email: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ email, updated_at: at })
    .where("id", "=", userId)
    .where("confirmed_at", "is", null)
    .execute();
}

/** A new address for a confirmed user; it replaces the address once confirmed. */
export async function setUnconfirmedEmail(
  db: Db,
  userId: string,
  email: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ unconfirmed_email: email, updated_at: at })
    .where("id", "=", userId)
    .execute();
}
