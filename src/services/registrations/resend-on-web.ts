// The "send the link again" button of /auth/setup, for people who signed up on the web (the
// API's resend only serves the app that made the account). A new link replaces the old one.
import type { AppContext } from "../../context.ts";
import { findConfirmationTarget } from "../../repos/registrations.ts";
import { isConfirmed, issueConfirmationToken, sendConfirmationMail } from "./confirmation.ts";
import { countConfirmationMail } from "./throttles.ts";

export type WebResendResult = "sent" | "not-awaiting-confirmation" | "throttled";

export async function resendConfirmationOnWeb(
  ctx: AppContext,
  userId: string,
): Promise<WebResendResult> {
  const target = await findConfirmationTarget(ctx.db, userId);
  if (target === undefined || isConfirmed(target)) return "not-awaiting-confirmation";
  if (!(await countConfirmationMail(ctx, userId))) return "throttled";
  const token = await issueConfirmationToken(ctx, ctx.db, userId);
  // A pending new address of a confirmed account gets the link for that address.
  const changing = target.confirmedAt !== null;
  await sendConfirmationMail(
    ctx,
    { email: target.unconfirmedEmail ?? target.email, username: target.username },
    token,
    changing ? "change" : "sign-up",
  );
  return "sent";
}
