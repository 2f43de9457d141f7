// GET /api/v1/accounts/lookup: an address (`name`, `name@our.domain`, `name@other.server`) to
// a known account. No WebFinger yet: remote accounts are found only once federation has
// stored them.
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountByAddress } from "../../repos/profiles.ts";

export async function lookupAccount(
  ctx: AppContext,
  acct: string,
): Promise<AccountRow | undefined> {
  const address = acct.trim().replace(/^@/, "");
  const at = address.indexOf("@");
  const username = at === -1 ? address : address.slice(0, at);
  let domain: string | null = at === -1 ? null : address.slice(at + 1).toLowerCase();
  if (username === "" || domain === "" || domain?.includes("@")) return undefined;
  const ours = ctx.config.domain.toLowerCase();
  if (domain === ours) domain = null;
  return findAccountByAddress(ctx.db, username, domain);
}
