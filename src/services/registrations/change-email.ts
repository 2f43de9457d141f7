// A new email address from the settings page (/settings/email), as Mastodon's: the current
// password confirms it is the owner; the new address waits in unconfirmed_email while the
// old one stays in use, and becomes the address when the link sent to it is opened (the
// confirmation service's pending-address support). The old address is told, so a stolen
// session cannot move an account away quietly.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import {
  findConfirmationTarget,
  replaceUnconfirmedEmail,
  setUnconfirmedEmail,
} from "../../repos/registrations.ts";
import { findUserByEmail } from "../../repos/users.ts";
import { checkCurrentPassword } from "../accounts/lifecycle.ts";
import { issueConfirmationToken, sendConfirmationMail } from "./confirmation.ts";
import { countConfirmationMail } from "./throttles.ts";
import { addEmailErrors, addError, hasErrors, type ValidationDetails } from "./validation.ts";

export type ChangeEmailResult =
  | { type: "sent"; email: string }
  | { type: "wrong-password" }
  | { type: "throttled" }
  | { type: "invalid"; details: ValidationDetails };

export async function changeEmail(
  ctx: AppContext,
  userId: string,
  input: { email: string; password: string },
): Promise<ChangeEmailResult> {
  const target = await findConfirmationTarget(ctx.db, userId);
  if (target === undefined) return { type: "wrong-password" };
  const email = input.email.trim();
  const details: ValidationDetails = {};
  addEmailErrors(details, "email", email);
  if (!hasErrors(details) && email.toLowerCase() === target.email.toLowerCase())
    addError(details, "email", "ERR_INVALID", "is your current address");
  if (!hasErrors(details)) {
    const holder = await findUserByEmail(ctx.db, email);
    if (holder !== undefined && holder.id !== userId) addError(details, "email", "ERR_TAKEN");
  }
  // The password is checked even when the address is wrong, so both problems show at once.
  if (!(await checkCurrentPassword(ctx, userId, input.password))) return { type: "wrong-password" };
  if (hasErrors(details)) return { type: "invalid", details };

  // Shares the API's resend counter: five confirmation mails per user and half hour.
  if (!(await countConfirmationMail(ctx, userId))) return { type: "throttled" };

  const at = ctx.clock.now().toISOString();
  try {
    // A never-confirmed address protects nothing and is simply replaced (as resend does).
    if (target.confirmedAt === null) await replaceUnconfirmedEmail(ctx.db, userId, email, at);
    else await setUnconfirmedEmail(ctx.db, userId, email, at);
  } catch (error) {
    if (!(error instanceof UniqueViolationError)) throw error;
    addError(details, "email", "ERR_TAKEN");
    return { type: "invalid", details };
  }
  const token = await issueConfirmationToken(ctx, ctx.db, userId);
  await sendConfirmationMail(ctx, { email, username: target.username }, token, "change");
  if (target.confirmedAt !== null) await noticeToOldAddress(ctx, target.email, target.username);
  return { type: "sent", email };
}

async function noticeToOldAddress(ctx: AppContext, to: string, username: string): Promise<void> {
  const settings = await loadSettings(ctx.db);
  await ctx.mailer.deliver({
    to,
    subject: `${settings.title}: a new email address was requested`,
    text: [
      `Hello @${username},`,
      "",
      `Someone signed in to your account on ${settings.title} (${ctx.config.domain}) asked to change its`,
      "email address. This address stays in use until the new one is confirmed.",
      "",
      "If this was not you, change your password now and sign out the sessions you do not",
      "recognise; then write to the server's staff.",
    ].join("\n"),
  });
}
