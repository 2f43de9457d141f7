// "Forgot your password?" (POST /auth/password/new), as Devise's recoverable in Mastodon's
// paranoid mode: the answer is the same whether or not an account has the address, and only a
// known address gets a mail with a link. The link carries a random token; only its hash is
// stored, and only the newest link of a user works.
import type { AppContext } from "../../context.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { insertPasswordReset } from "../../repos/password-resets.ts";
import { findConfirmationTarget } from "../../repos/registrations.ts";
import { findUserByEmail } from "../../repos/users.ts";

// Mastodon sets Devise's reset_password_within to 6 hours: long enough for a slow mail server
// and a person who reads mail later in the day, short enough that an old mailbox backup is
// no way in. We keep its number.
export const RESET_WITHIN_MS = 6 * 60 * 60 * 1000;

export function resetUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.baseUrl}/auth/password/edit?reset_password_token=${encodeURIComponent(token)}`;
}

/**
 * Sends a reset link when `email` belongs to a user; says nothing either way.
 * @NOTE The mail is written before the answer, so a known address answers a little later than
 * an unknown one; Mastodon hides this by sending from a job, which comes with the jobs issue.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const address = email.trim();
  if (address === "" || address.length > 320) return;
  const user = await findUserByEmail(ctx.db, address);
  // A disabled login cannot be unlocked by a reset either.
  if (user === undefined || user.disabled) return;
  const target = await findConfirmationTarget(ctx.db, user.id);
  if (target === undefined) return;
  const token = randomToken();
  const now = ctx.clock.now().toISOString();
  await insertPasswordReset(ctx.db, {
    id: ctx.newId(),
    user_id: user.id,
    token_hash: hashToken(token),
    created_at: now,
    used_at: null,
  });
  const settings = await loadSettings(ctx.db);
  await ctx.mailer.deliver({
    // The stored (confirmed) address, not what was typed: case or spaces may differ.
    to: user.email,
    subject: `${settings.title}: reset your password`,
    text: [
      `Hello @${target.username},`,
      "",
      `Someone (hopefully you) asked to reset the password of your account on ${settings.title} (${ctx.config.domain}).`,
      "To choose a new password, open this link:",
      "",
      resetUrl(ctx, token),
      "",
      "The link works for six hours and only once. If you did not ask for it, ignore this mail:",
      "your password stays as it is.",
    ].join("\n"),
  });
}
