// Familiar followers — https://docs.joinmastodon.org/methods/accounts/#familiar_followers
// For each account asked, the accounts the viewer follows that follow it too. Three queries
// whatever the number of ids (pairs, then accounts and their roles).
import type { AppContext } from "../../context.ts";
import { findFamiliarFollowers } from "../../repos/relationship-reads.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";

/** At most this many accounts per id (clients show a handful of avatars). */
export const FAMILIAR_LIMIT = 40;

export async function familiarFollowers(
  ctx: AppContext,
  viewerId: string,
  ids: readonly string[],
): Promise<{ id: string; accounts: LoadedAccount[] }[]> {
  const unique = [...new Set(ids)];
  const pairs = await findFamiliarFollowers(ctx.db, viewerId, unique);
  const followerIds = [...pairs.values()].flatMap((l) => l.slice(0, FAMILIAR_LIMIT));
  const loaded = new Map((await loadAccounts(ctx, followerIds)).map((l) => [l.account.id, l]));
  return unique.map((id) => ({
    id,
    accounts: (pairs.get(id) ?? []).slice(0, FAMILIAR_LIMIT).flatMap((f) => {
      const account = loaded.get(f);
      return account === undefined ? [] : [account];
    }),
  }));
}
