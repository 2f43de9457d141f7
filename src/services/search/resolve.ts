// The `resolve=true` hook of search: turn a URL or an address into an account or a status.
// What is stored is found first; otherwise a signed-in search asks the other server
// (services/federation/remote-lookup.ts: WebFinger for `user@host`, a fetch for a URL), as
// Mastodon's ResolveURLService and ResolveAccountService do.
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountByUrl, findVisibleStatusByUrl } from "../../repos/search.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import { remoteLookup } from "../federation/remote-lookup.ts";
import { lookupAccount } from "../profiles/lookup-account.ts";

export type ResolvedUrl =
  | { type: "account"; account: AccountRow }
  | { type: "status"; status: StatusRow }
  | null;

/** The account or status at `url`, a status only when `viewerId` may see it. */
export async function resolveUrl(
  ctx: AppContext,
  url: string,
  viewerId: string | null,
): Promise<ResolvedUrl> {
  const status = await findVisibleStatusByUrl(ctx.db, url, viewerId);
  if (status !== undefined) return { type: "status", status };
  const account = await findAccountByUrl(ctx.db, url);
  if (account !== undefined && account.suspended_at === null) return { type: "account", account };
  // Only signed-in searches fetch from other servers (Mastodon: resolve needs a user).
  const remote = viewerId === null ? null : await remoteLookup(ctx)?.object(url);
  if (remote?.type === "account" && remote.account.suspended_at === null) return remote;
  if (remote?.type === "status") {
    const [visible] = await findVisibleStatuses(ctx.db, [remote.status.id], viewerId);
    if (visible !== undefined) return { type: "status", status: visible };
  }
  return null;
}

/** The account at `user@host` (or a local `user`), when known. */
export async function resolveAccount(
  ctx: AppContext,
  acct: string,
): Promise<AccountRow | undefined> {
  const account = await lookupAccount(ctx, acct);
  if (account !== undefined) return account.suspended_at === null ? account : undefined;
  const at = acct.lastIndexOf("@");
  if (at <= 0) return undefined;
  const remote = await remoteLookup(ctx)?.account(acct.slice(0, at), acct.slice(at + 1));
  return remote != null && remote.suspended_at === null ? remote : undefined;
}
