// Whose public page an address names: `alice` (ours) or `carol@remote.example` (an account
// federation already stored; nothing is fetched for a visitor). As the actor documents
// (domain/actor-state.ts): suspended and deleted accounts are gone, sign-ups not yet confirmed
// or approved do not exist. A remote account is gone once suspended here.
import type { AppContext } from "../../context.ts";
import { actorState } from "../../domain/actor-state.ts";
import { findLocalActorByUsername } from "../../repos/federation-reads.ts";
import { findAccountByAddress } from "../../repos/profiles.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";

export type PublicAccountResult =
  | { type: "ok"; account: LoadedAccount }
  | { type: "gone" }
  | { type: "not-found" };

const NOT_FOUND = { type: "not-found" } as const;

/** `address` without its leading @: `name` or `name@domain`. */
export async function findPublicAccount(
  ctx: AppContext,
  address: string,
): Promise<PublicAccountResult> {
  const [username = "", host, ...rest] = address.split("@");
  if (username === "" || rest.length > 0 || host === "") return NOT_FOUND;
  const ours = host === undefined || host.toLowerCase() === ctx.config.domain.toLowerCase();
  if (ours) {
    const row = await findLocalActorByUsername(ctx.db, username);
    if (row === null) return NOT_FOUND;
    const state = actorState({ suspendedAt: row.account.suspended_at, user: row.user });
    if (state === "hidden") return NOT_FOUND;
    if (state === "gone") return { type: "gone" };
    const [account] = await withRoles(ctx, [row.account]);
    return account === undefined ? NOT_FOUND : { type: "ok", account };
  }
  const row = await findAccountByAddress(ctx.db, username, host as string);
  if (row === undefined) return NOT_FOUND;
  if (row.suspended_at !== null) return { type: "gone" };
  const [account] = await withRoles(ctx, [row]);
  return account === undefined ? NOT_FOUND : { type: "ok", account };
}
