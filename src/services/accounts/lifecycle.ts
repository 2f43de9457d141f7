// What people do to their own account from the settings pages: change the password (every
// other sign-in ends, as on Mastodon) and delete the account after confirming the password.
import type { AppContext } from "../../context.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { listRemoteFollowers, listRemoteFollowing } from "../../repos/deliveries.ts";
import { findUserAccount, revokeUserTokens } from "../../repos/oauth.ts";
import { retirePasswordResets } from "../../repos/password-resets.ts";
import { deleteUserKeepTombstone, findLocalUser, updateUser } from "../../repos/user-admin.ts";
import { findUserById } from "../../repos/users.ts";
import { revokeUserWebSessions } from "../../repos/web-sessions.ts";
import type { AccountFederationEffect, DeliveryRecipient } from "../federation/enqueue-delivery.ts";
import { forgetInstanceStats } from "../instance/get-instance-info.ts";
import { endTokenStreams, liveTokenIds } from "../streaming/end-streams.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./create-local-account.ts";
import { enqueueAccountPurge } from "./purge-account.ts";

export type LifecycleProblem =
  | { type: "wrong-password" }
  | { type: "invalid-password"; message: string }
  | { type: "not-found" };

// Mastodon's limit on password checks per account (rack-attack "password change": 10 per
// 10 minutes): someone holding a stolen session must not be able to guess the password.
const PASSWORD_CHECKS = { limit: 10, periodMs: 10 * 60_000 };

/**
 * True when `password` is the user's current one (settings pages confirm with it). Past the
 * limit every check fails without looking, so guessing gains nothing.
 */
export async function checkCurrentPassword(
  ctx: AppContext,
  userId: string,
  password: string,
): Promise<boolean> {
  const hit = await ctx.rateLimits.hit(
    `password_check:${userId}`,
    PASSWORD_CHECKS.periodMs,
    ctx.clock.now(),
  );
  if (hit.count > PASSWORD_CHECKS.limit) return false;
  const row = await findUserById(ctx.db, userId);
  // Without a stored hash (an account made without one) no password can match.
  return row?.password_hash != null && (await verifyPassword(password, row.password_hash));
}

/**
 * Sets a new password after checking the current one. Every OAuth token and browser session of
 * the user ends, except `keepTokenId` (the app making the change) or `keepSessionId` (the
 * browser on the settings page): whoever knew the old password is out, the person stays in.
 */
export async function changePassword(
  ctx: AppContext,
  userId: string,
  input: { current: string; next: string; keepTokenId?: string; keepSessionId?: string },
): Promise<{ type: "ok"; tokensRevoked: number; sessionsRevoked: number } | LifecycleProblem> {
  const length = [...input.next].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    return {
      type: "invalid-password",
      message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    };
  }
  if (!(await checkCurrentPassword(ctx, userId, input.current))) return { type: "wrong-password" };
  const hash = await hashPassword(input.next);
  const now = ctx.clock.now().toISOString();
  let tokensRevoked = 0;
  let sessionsRevoked = 0;
  // The revoked tokens' open streams close too (read before, ended after the commit).
  const streams = (await liveTokenIds(ctx, userId)).filter((id) => id !== input.keepTokenId);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash: hash, updated_at: now });
    // H3: a reset link mailed before the change stops working.
    await retirePasswordResets(trx, userId, now);
    tokensRevoked = await revokeUserTokens(trx, userId, now, {
      ...(input.keepTokenId === undefined ? {} : { exceptTokenId: input.keepTokenId }),
    });
    sessionsRevoked = await revokeUserWebSessions(trx, userId, now, input.keepSessionId);
  });
  await endTokenStreams(ctx, streams);
  return { type: "ok", tokensRevoked, sessionsRevoked };
}

async function remoteAudience(ctx: AppContext, accountId: string): Promise<DeliveryRecipient[]> {
  const [followers, following] = await Promise.all([
    listRemoteFollowers(ctx.db, accountId),
    listRemoteFollowing(ctx.db, accountId),
  ]);
  const byId = new Map([...followers, ...following].map((r) => [r.id, r]));
  return [...byId.values()].map(({ uri, inbox, sharedInbox }) => ({ uri, inbox, sharedInbox }));
}

/**
 * Deletes one's own account after the password is confirmed. The account stays as an empty
 * tombstone so the name stays reserved; its posts are deleted with it (repos/user-admin.ts).
 */
export async function deleteOwnAccount(
  ctx: AppContext,
  userId: string,
  password: string,
): Promise<
  { type: "ok"; accountId: string; federate: AccountFederationEffect | null } | LifecycleProblem
> {
  if (!(await checkCurrentPassword(ctx, userId, password))) return { type: "wrong-password" };
  const account = await findUserAccount(ctx.db, userId);
  if (account === undefined) return { type: "not-found" };
  const user = await findLocalUser(ctx.db, account.username);
  if (user === undefined) return { type: "not-found" };
  const streams = await liveTokenIds(ctx, userId);
  await revokeUserTokens(ctx.db, userId, ctx.clock.now().toISOString());
  await endTokenStreams(ctx, streams);
  // Sessions cascade with the user row; revoked first all the same, so no browser stays signed
  // in even if the delete below fails halfway.
  await revokeUserWebSessions(ctx.db, userId, ctx.clock.now().toISOString());
  // Delete(actor) goes to every remote account it followed or was followed by: read them now,
  // the delete takes the follows with it.
  const recipients = await remoteAudience(ctx, account.id);
  await deleteUserKeepTombstone(ctx.db, user, ctx.clock.now().toISOString());
  // Uploaded files go in a job (Mastodon removes an account's content in the background).
  await enqueueAccountPurge(ctx, user.accountId);
  forgetInstanceStats(ctx);
  return {
    type: "ok",
    accountId: account.id,
    federate: recipients.length === 0 ? null : { activity: "Delete", recipients },
  };
}
