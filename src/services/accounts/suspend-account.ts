// Suspending a local account (`hearth accounts suspend`; the admin API comes with moderation):
// the account disappears from the network — its actor URL answers 410 Gone with a Tombstone
// (domain/actor-state.ts), its posts are hidden from every read (the visibility rule) — and a
// Delete(actor) goes to its remote followers' servers, read before the suspension, so they
// drop it as well. (Mastodon 4 sends Update(actor) with `suspended` and rejects the follows;
// a Delete is what every implementation understands.) Unsuspending brings the account back
// here; servers that received the Delete learn of it again only when they next resolve it.
import type { AppContext } from "../../context.ts";
import { listRemoteFollowers } from "../../repos/deliveries.ts";
import { clearLocalSuspension } from "../../repos/instance-domain-blocks.ts";
import { markAccountSuspended } from "../../repos/remote-objects.ts";
import { findLocalUser } from "../../repos/user-admin.ts";
import type { AccountFederationEffect } from "../federation/enqueue-delivery.ts";
import { forgetInstanceStats } from "../instance/get-instance-info.ts";

export type SuspendResult =
  | { type: "ok"; accountId: string; federate: AccountFederationEffect | null }
  | { type: "not-found" }
  | { type: "unchanged" };

export async function suspendLocalAccount(
  ctx: AppContext,
  username: string,
): Promise<SuspendResult> {
  const user = await findLocalUser(ctx.db, username.replace(/^@/, ""));
  if (user === undefined) return { type: "not-found" };
  if (user.suspendedAt !== null) return { type: "unchanged" };
  const recipients = (await listRemoteFollowers(ctx.db, user.accountId)).map(
    ({ uri, inbox, sharedInbox }) => ({ uri, inbox, sharedInbox }),
  );
  await markAccountSuspended(ctx.db, user.accountId, ctx.clock.now().toISOString());
  forgetInstanceStats(ctx);
  return {
    type: "ok",
    accountId: user.accountId,
    federate: recipients.length === 0 ? null : { activity: "Delete", recipients },
  };
}

export async function unsuspendLocalAccount(
  ctx: AppContext,
  username: string,
): Promise<SuspendResult> {
  const user = await findLocalUser(ctx.db, username.replace(/^@/, ""));
  if (user === undefined) return { type: "not-found" };
  if (user.suspendedAt === null) return { type: "unchanged" };
  await clearLocalSuspension(ctx.db, user.accountId, ctx.clock.now().toISOString());
  forgetInstanceStats(ctx);
  return { type: "ok", accountId: user.accountId, federate: null };
}
