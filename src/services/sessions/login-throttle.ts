// Mastodon's login throttles (rack_attack.rb): 25 attempts per 5 minutes per address and 25
// per hour per account or email, so spreading a guessing run over many addresses still stops.
// Counted on every attempt, successful or not, as rack-attack does.
import type { AppContext } from "../../context.ts";

const MINUTE = 60_000;
export const LOGIN_LIMITS = {
  ip: { limit: 25, periodMs: 5 * MINUTE },
  email: { limit: 25, periodMs: 60 * MINUTE },
} as const;

/**
 * Counts one login attempt; false when it is over a limit. `ipKey` is the client's rate-limit
 * bucket, or null for a client that is exempt (loopback, as for the API limits).
 */
export async function countLoginAttempt(
  ctx: AppContext,
  ipKey: string | null,
  email: string,
): Promise<boolean> {
  if (!ctx.config.rateLimits || ipKey === null) return true;
  const now = ctx.clock.now();
  const byIp = await ctx.rateLimits.hit(`login_ip:${ipKey}`, LOGIN_LIMITS.ip.periodMs, now);
  const normalized = email.trim().toLowerCase();
  const byEmail =
    normalized === ""
      ? { count: 0 }
      : await ctx.rateLimits.hit(`login_email:${normalized}`, LOGIN_LIMITS.email.periodMs, now);
  return byIp.count <= LOGIN_LIMITS.ip.limit && byEmail.count <= LOGIN_LIMITS.email.limit;
}
