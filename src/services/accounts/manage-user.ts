// Operator actions on local users (`hearth accounts approve|modify|delete`; the admin API
// will call the same functions).
import type { AppContext } from "../../context.ts";
import type { UserRole } from "../../domain/roles.ts";
import { generatePassword, hashPassword } from "../../lib/password.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { revokeUserTokens } from "../../repos/oauth.ts";
import { retirePasswordResets } from "../../repos/password-resets.ts";
import {
  deleteUserKeepTombstone,
  findLocalUser,
  type LocalUser,
  updateUser,
} from "../../repos/user-admin.ts";
import { findUserById } from "../../repos/users.ts";
import { forgetInstanceStats } from "../instance/get-instance-info.ts";
import { enqueueSignUpNotifications } from "../notifications/on-events.ts";
import { endTokenStreams, liveTokenIds } from "../streaming/end-streams.ts";
import { enqueueAccountPurge } from "./purge-account.ts";

export type NotFound = { type: "not-found"; username: string };

/** Approves a sign-up that waits for a moderator. */
export async function approveUser(
  ctx: AppContext,
  username: string,
): Promise<{ type: "ok" | "already-approved"; user: LocalUser } | NotFound> {
  const user = await findLocalUser(ctx.db, username);
  if (user === undefined) return { type: "not-found", username };
  if (user.approved) return { type: "already-approved", user };
  await updateUser(ctx.db, user.userId, {
    approved: true,
    updated_at: ctx.clock.now().toISOString(),
  });
  forgetInstanceStats(ctx);
  // Approved after confirming: staff hear of the new user now (Mastodon's User#approve!).
  if (user.confirmedAt !== null) await enqueueSignUpNotifications(ctx, ctx.db, user.accountId);
  await tellApplicant(ctx, user);
  return { type: "ok", user };
}

/** The applicant is told by mail, as Mastodon does; a failed send is logged, never thrown. */
async function tellApplicant(ctx: AppContext, user: LocalUser): Promise<void> {
  const row = await findUserById(ctx.db, user.userId);
  if (row === undefined) return;
  const { title } = await loadSettings(ctx.db);
  const confirmFirst =
    user.confirmedAt === null ? ", once you have confirmed your email address" : "";
  await ctx.mailer.deliver({
    to: row.email,
    subject: `${title}: your account has been approved`,
    text: [
      `Hello @${user.username},`,
      "",
      `Your sign-up on ${title} (${ctx.config.domain}) has been approved. You can sign in at`,
      `${ctx.config.baseUrl}/auth/sign_in or from any Mastodon app${confirmFirst}.`,
    ].join("\n"),
  });
}

export interface UserChanges {
  /** A role, or null to make the user an ordinary one again. */
  role?: UserRole | null;
  confirm?: boolean;
  disable?: boolean;
  enable?: boolean;
  /** Sets a new random password and signs the user out everywhere. */
  resetPassword?: boolean;
}

export type ModifyResult =
  | { type: "ok"; user: LocalUser; password: string | null; tokensRevoked: number }
  | { type: "conflict"; message: string }
  | NotFound;

export async function modifyUser(
  ctx: AppContext,
  username: string,
  changes: UserChanges,
): Promise<ModifyResult> {
  if (changes.disable && changes.enable)
    return { type: "conflict", message: "--disable and --enable contradict each other" };
  const user = await findLocalUser(ctx.db, username);
  if (user === undefined) return { type: "not-found", username };
  const now = ctx.clock.now().toISOString();
  const password = changes.resetPassword ? generatePassword() : null;
  const passwordHash = password === null ? undefined : await hashPassword(password);
  let tokensRevoked = 0;
  // A reset password also closes the revoked tokens' open streams (ids read before).
  const streams = password === null ? [] : await liveTokenIds(ctx, user.userId);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.userId, {
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.confirm && user.confirmedAt === null ? { confirmed_at: now } : {}),
      ...(changes.disable ? { disabled: true } : {}),
      ...(changes.enable ? { disabled: false } : {}),
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      updated_at: now,
    });
    // A reset password means the old one may be known to someone else: end every session.
    if (password !== null) {
      tokensRevoked = await revokeUserTokens(trx, user.userId, now);
      // H3: so do reset links mailed before.
      await retirePasswordResets(trx, user.userId, now);
    }
  });
  await endTokenStreams(ctx, streams);
  if (changes.disable || changes.enable) forgetInstanceStats(ctx);
  return { type: "ok", user, password, tokensRevoked };
}

/** Deletes a local user; the emptied account keeps the username reserved. */
export async function deleteLocalUser(
  ctx: AppContext,
  username: string,
): Promise<{ type: "ok"; user: LocalUser } | NotFound> {
  const user = await findLocalUser(ctx.db, username);
  if (user === undefined) return { type: "not-found", username };
  await deleteUserKeepTombstone(ctx.db, user, ctx.clock.now().toISOString());
  // Uploaded files go in a job (Mastodon removes an account's content in the background).
  await enqueueAccountPurge(ctx, user.accountId);
  forgetInstanceStats(ctx);
  return { type: "ok", user };
}
