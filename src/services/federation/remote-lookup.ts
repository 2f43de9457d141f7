// Looking up what another server has (an account by address, an actor or post by URL) needs
// Fedify, which services may not import (docs/architecture.md). The federation layer
// registers its implementation for an AppContext when it builds the federation
// (src/federation/remote-lookup.ts); services ask for it here. Without a federation (some
// commands, unit tests) there is none and only what is stored is found.
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import type { StatusRow } from "../../repos/statuses.ts";

export type RemoteObject =
  | { type: "account"; account: AccountRow }
  | { type: "status"; status: StatusRow }
  | null;

export interface RemoteLookup {
  /** `user@domain`: WebFinger, then the actor (fetched, checked and stored). */
  account(username: string, domain: string): Promise<AccountRow | null>;
  /** The actor or post at a URL of another server (fetched, checked and stored). */
  object(url: string): Promise<RemoteObject>;
  /** The `alsoKnownAs` of the actor at `uri`, fetched fresh from its server; null: unfetchable. */
  aliases(uri: string): Promise<string[] | null>;
}

const lookups = new WeakMap<AppContext, RemoteLookup>();

export function registerRemoteLookup(ctx: AppContext, lookup: RemoteLookup): void {
  lookups.set(ctx, lookup);
}

export function remoteLookup(ctx: AppContext): RemoteLookup | undefined {
  return lookups.get(ctx);
}
