// Email confirmation, as Mastodon's Devise confirmable: a random token in a link, only its
// hash stored, valid for two days (confirm_within). Following the link confirms the address;
// a new token replaces the old one, so only the newest link works.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import type { Db } from "../../db/index.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import {
  type ConfirmationTarget,
  confirmUser,
  findUserByConfirmationTokenHash,
  setConfirmationToken,
} from "../../repos/registrations.ts";
import { enqueueSignUpNotifications } from "../notifications/on-events.ts";

export const CONFIRM_WITHIN_MS = 2 * 24 * 60 * 60 * 1000;

/** Makes a new token, stores its hash (in `db`, which may be a transaction); returns the token. */
export async function issueConfirmationToken(
  ctx: AppContext,
  db: Db,
  userId: string,
): Promise<string> {
  const token = randomToken();
  await setConfirmationToken(db, userId, hashToken(token), ctx.clock.now().toISOString());
  return token;
}

export function confirmationUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.baseUrl}/auth/confirmation?confirmation_token=${encodeURIComponent(token)}`;
}

/**
 * Sends the confirmation mail; call after the token's transaction committed. Never throws.
 * `purpose` "change": the address is a new one for an existing account (settings page).
 */
export async function sendConfirmationMail(
  ctx: AppContext,
  to: { email: string; username: string },
  token: string,
  purpose: "sign-up" | "change" = "sign-up",
): Promise<boolean> {
  const settings = await loadSettings(ctx.db);
  const link = confirmationUrl(ctx, token);
  const host = ctx.config.domain;
  const why =
    purpose === "sign-up"
      ? `To finish signing up on ${settings.title} (${host}), confirm your email address by opening this link:`
      : `To use this address for your account on ${settings.title} (${host}), confirm it by opening this link:`;
  return ctx.mailer.deliver({
    to: to.email,
    subject: `${settings.title}: confirm your email address`,
    text: [
      `Hello @${to.username},`,
      "",
      why,
      "",
      link,
      "",
      ...(purpose === "sign-up"
        ? [
            "The link works for two days. If you did not sign up, ignore this mail: without",
            "confirmation the account cannot be used.",
          ]
        : [
            "The link works for two days. If you did not ask for this, ignore this mail: the",
            "account keeps its current address.",
          ]),
    ].join("\n"),
  });
}

export type ConfirmResult =
  | { type: "confirmed"; username: string; approved: boolean }
  | { type: "already-confirmed"; username: string; approved: boolean }
  | { type: "invalid" }
  | { type: "expired" }
  /** A new address that another account took while it waited for confirmation. */
  | { type: "email-taken" };

/** Confirms the address the token was sent for. */
export async function confirmEmail(ctx: AppContext, token: string): Promise<ConfirmResult> {
  const target = await findUserByConfirmationTokenHash(ctx.db, hashToken(token));
  if (target === undefined) return { type: "invalid" };
  const done = { username: target.username, approved: target.approved };
  // The hash stays after use, so a second visit says "already confirmed" instead of "invalid".
  if (isConfirmed(target)) return { type: "already-confirmed", ...done };
  const now = ctx.clock.now();
  const sentAt = target.confirmationSentAt === null ? 0 : Date.parse(target.confirmationSentAt);
  if (now.getTime() - sentAt > CONFIRM_WITHIN_MS) return { type: "expired" };
  let won: boolean;
  try {
    won = await confirmUser(ctx.db, target, now.toISOString());
  } catch (error) {
    if (error instanceof UniqueViolationError) return { type: "email-taken" };
    throw error;
  }
  // A new user, confirmed and approved, is announced to staff (Mastodon's prepare_new_user!).
  if (won && target.confirmedAt === null && target.approved)
    await enqueueSignUpNotifications(ctx, ctx.db, target.accountId);
  return { type: won ? "confirmed" : "already-confirmed", ...done };
}

/** Confirmed, with no new address waiting for confirmation. */
export function isConfirmed(target: ConfirmationTarget): boolean {
  return target.confirmedAt !== null && target.unconfirmedEmail === null;
}
