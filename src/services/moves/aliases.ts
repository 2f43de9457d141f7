// Account aliases (Mastodon's /settings/aliases): the accounts a local account says it also
// is, published as the actor's `alsoKnownAs` so that an old account elsewhere can move here
// (its server checks that we list it). The other account is resolved by address, fetched
// from its server when unknown. Each change sends Update(Person) to the followers.
import type { AppContext } from "../../context.ts";
import { normalizeAcct } from "../../domain/moves.ts";
import { deleteAlias, insertAlias, listAliases } from "../../repos/account-moves.ts";
import type { AccountFederationEffect } from "../federation/enqueue-delivery.ts";
import { resolveAccount } from "../search/resolve.ts";

/** Aliases one account may list (Mastodon has no number; the actor document stays small). */
export const MAX_ALIASES = 10;

export type AliasResult =
  | { type: "ok"; federate: AccountFederationEffect | null }
  | { type: "invalid"; message: string };

export { listAliases };

export async function addAlias(
  ctx: AppContext,
  accountId: string,
  input: string,
): Promise<AliasResult> {
  const acct = normalizeAcct(input);
  if (acct === null)
    return { type: "invalid", message: "Enter the address of the account, as @user@domain." };
  const existing = await listAliases(ctx.db, accountId);
  if (existing.length >= MAX_ALIASES)
    return { type: "invalid", message: `You can list at most ${MAX_ALIASES} aliases.` };
  const account = await resolveAccount(ctx, acct);
  if (account === undefined)
    return { type: "invalid", message: "No account was found at that address." };
  if (account.id === accountId)
    return { type: "invalid", message: "You cannot list your own account as an alias." };
  const full =
    account.domain === null
      ? `${account.username}@${ctx.config.domain}`
      : `${account.username}@${account.domain}`;
  const created = await insertAlias(ctx.db, {
    id: ctx.newId(),
    accountId,
    acct: full,
    uri: account.uri,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", federate: created ? { activity: "Update" } : null };
}

export async function removeAlias(
  ctx: AppContext,
  accountId: string,
  aliasId: string,
): Promise<AliasResult> {
  if (!/^\d{1,20}$/.test(aliasId)) return { type: "invalid", message: "No such alias." };
  const removed = await deleteAlias(ctx.db, accountId, aliasId);
  if (!removed) return { type: "invalid", message: "No such alias." };
  return { type: "ok", federate: { activity: "Update" } };
}
