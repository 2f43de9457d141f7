// POST /api/v1/emails/confirmations, as Mastodon: only the app that signed the user up may ask,
// only while an address awaits confirmation, optionally to a corrected address.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import {
  findConfirmationTarget,
  replaceUnconfirmedEmail,
  setUnconfirmedEmail,
} from "../../repos/registrations.ts";
import { findUserByEmail } from "../../repos/users.ts";
import { isConfirmed, issueConfirmationToken, sendConfirmationMail } from "./confirmation.ts";
import { addEmailErrors, addError, hasErrors, type ValidationDetails } from "./validation.ts";

export type ResendResult =
  | { type: "sent" }
  | { type: "wrong-application" }
  | { type: "not-awaiting-confirmation" }
  | { type: "invalid"; details: ValidationDetails };

export async function resendConfirmation(
  ctx: AppContext,
  request: { userId: string; applicationId: string; email?: string | undefined },
): Promise<ResendResult> {
  const target = await findConfirmationTarget(ctx.db, request.userId);
  if (target === undefined || target.createdByApplicationId !== request.applicationId)
    return { type: "wrong-application" };
  if (isConfirmed(target)) return { type: "not-awaiting-confirmation" };

  let to = target.unconfirmedEmail ?? target.email;
  if (request.email !== undefined) {
    const email = request.email.trim();
    const details: ValidationDetails = {};
    addEmailErrors(details, "email", email);
    if (!hasErrors(details) && email.toLowerCase() !== to.toLowerCase()) {
      const holder = await findUserByEmail(ctx.db, email);
      if (holder !== undefined && holder.id !== target.userId)
        addError(details, "email", "ERR_TAKEN");
    }
    if (hasErrors(details)) return { type: "invalid", details };
    const at = ctx.clock.now().toISOString();
    // A never-confirmed address protects nothing, so it is simply replaced; a confirmed one
    // stays in use until the new one is confirmed.
    try {
      if (target.confirmedAt === null)
        await replaceUnconfirmedEmail(ctx.db, target.userId, email, at);
      else await setUnconfirmedEmail(ctx.db, target.userId, email, at);
    } catch (error) {
      // Someone took the address between the check and the write: the unique index decided.
      if (!(error instanceof UniqueViolationError)) throw error;
      addError(details, "email", "ERR_TAKEN");
      return { type: "invalid", details };
    }
    to = email;
  }
  const token = await issueConfirmationToken(ctx, ctx.db, target.userId);
  await sendConfirmationMail(ctx, { email: to, username: target.username }, token);
  return { type: "sent" };
}
