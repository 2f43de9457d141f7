// Moving a local account to another (Mastodon's /settings/migration, MoveService for a local
// account): after the current password, once every 30 days, to an account that lists this one
// in its `alsoKnownAs` — read fresh from the target's server, as Mastodon resolves the target
// again (a stored copy could be old or forged). Then the account names its new one (the
// API's `moved`, the actor's `movedTo`), Update(Person) and Move go to its followers, and
// our local followers follow the target instead (a job: there may be many). Remote followers'
// servers do that themselves on receiving the Move.
import type { AppContext } from "../../context.ts";
import { nextMoveAllowedAt, normalizeAcct } from "../../domain/moves.ts";
import { findAliasUris, insertMigration, lastMigrationAt } from "../../repos/account-moves.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findUserAccount } from "../../repos/oauth.ts";
import { setMovedTo } from "../../repos/remote-objects.ts";
import { checkCurrentPassword } from "../accounts/lifecycle.ts";
import type { AccountFederationEffect } from "../federation/enqueue-delivery.ts";
import { remoteLookup } from "../federation/remote-lookup.ts";
import { resolveAccount } from "../search/resolve.ts";

export type MoveResult =
  | { type: "ok"; accountId: string; federate: AccountFederationEffect[] }
  | { type: "invalid"; message: string };

const invalid = (message: string): MoveResult => ({ type: "invalid", message });

export async function moveAccount(
  ctx: AppContext,
  userId: string,
  input: { acct: string; password: string },
): Promise<MoveResult> {
  const own = await findUserAccount(ctx.db, userId);
  if (own === undefined) return invalid("No such account.");
  if (!(await checkCurrentPassword(ctx, userId, input.password)))
    return invalid("The password is wrong.");
  const accountId = String(own.id);
  const next = nextMoveAllowedAt(await lastMigrationAt(ctx.db, accountId));
  if (next !== null && next.getTime() > ctx.clock.now().getTime())
    return invalid(
      `You moved your account less than 30 days ago. You can move it again from ${next.toISOString().slice(0, 10)}.`,
    );
  const acct = normalizeAcct(input.acct);
  if (acct === null) return invalid("Enter the address of the new account, as @user@domain.");
  const target = await resolveAccount(ctx, acct);
  if (target === undefined) return invalid("No account was found at that address.");
  if (target.id === accountId) return invalid("You cannot move your account to itself.");
  if (own.moved_to_account_id !== null && String(own.moved_to_account_id) === target.id)
    return invalid("Your account has moved to that account already.");
  const aliases =
    target.domain === null
      ? await findAliasUris(ctx.db, target.id)
      : await remoteLookup(ctx)?.aliases(target.uri);
  if (aliases == null || !aliases.includes(own.uri))
    return invalid(
      "The new account does not list this one as an alias yet: add it there first, then try again.",
    );
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertMigration(trx, {
      id: ctx.newId(),
      accountId,
      acct: target.domain === null ? target.username : `${target.username}@${target.domain}`,
      targetId: target.id,
      followers: Number(own.followers_count),
      at,
    });
    await setMovedTo(trx, accountId, target.id);
    await enqueueJob(trx, {
      id: ctx.newId(),
      type: "account.move-followers",
      payload: { originId: accountId, targetId: target.id },
      runAt: at,
      createdAt: at,
    });
  });
  return {
    type: "ok",
    accountId,
    federate: [{ activity: "Update" }, { activity: "Move", targetId: target.id }],
  };
}
