// Rate limits of the web forms that send mail or create accounts, with Mastodon's numbers
// (rack_attack.rb). Every attempt counts, failed ones too, as rack-attack counts requests.
import type { AppContext } from "../../context.ts";

const MINUTE = 60_000;

export interface FormThrottle {
  /** The counter's name; the API middleware uses the same names, so both count together. */
  name: string;
  limit: number;
  periodMs: number;
}

// The web form shares the API's sign-up counter: one address gets five sign-ups per half hour
// however it comes in (the API middleware counts under `throttle_api_sign_up:<address>`).
export const SIGN_UP_THROTTLE: FormThrottle = {
  name: "throttle_api_sign_up",
  limit: 5,
  periodMs: 30 * MINUTE,
};
export const PASSWORD_RESET_IP_THROTTLE: FormThrottle = {
  name: "throttle_password_resets/ip",
  limit: 25,
  periodMs: 5 * MINUTE,
};
export const PASSWORD_RESET_EMAIL_THROTTLE: FormThrottle = {
  name: "throttle_password_resets/email",
  limit: 5,
  periodMs: 30 * MINUTE,
};

// The API's resend counter (throttle_email_confirmations/user): the web's resend button and
// email change send confirmation mails for one user too, so all share five per half hour.
export const CONFIRMATION_MAIL_USER_THROTTLE: FormThrottle = {
  name: "throttle_email_confirmations/user",
  limit: 5,
  periodMs: 30 * MINUTE,
};

/** Counts one confirmation mail for a signed-in user; false when over the limit. */
export async function countConfirmationMail(ctx: AppContext, userId: string): Promise<boolean> {
  if (!ctx.config.rateLimits) return true;
  const { name, periodMs, limit } = CONFIRMATION_MAIL_USER_THROTTLE;
  const hit = await ctx.rateLimits.hit(`${name}:${userId}`, periodMs, ctx.clock.now());
  return hit.count <= limit;
}

/**
 * Counts one attempt under each throttle whose key is not null; false when any is over its
 * limit. `ipKey` null means the client is exempt (loopback), which exempts it from all.
 */
export async function countAttempt(
  ctx: AppContext,
  ipKey: string | null,
  hits: { throttle: FormThrottle; key: string | null }[],
): Promise<boolean> {
  if (!ctx.config.rateLimits || ipKey === null) return true;
  const now = ctx.clock.now();
  let allowed = true;
  for (const { throttle, key } of hits) {
    if (key === null) continue;
    const hit = await ctx.rateLimits.hit(`${throttle.name}:${key}`, throttle.periodMs, now);
    if (hit.count > throttle.limit) allowed = false;
  }
  return allowed;
}
