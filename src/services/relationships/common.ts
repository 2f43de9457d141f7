// What the relationship use cases share: loading both ends of a pair and the result shape.
//
// Federation seam: these services are called with the acting account as a parameter, so the
// inbox (a remote Follow, Block, Accept, Undo…) will call the same code as the API. When a
// remote account is on either end, the result names the activity that must be delivered
// (`federate`); the API edge turns it into a delivery job (services/federation/enqueue-delivery.ts).
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import { deletePair, type PairTable } from "../../repos/relationships.ts";

export type Activity =
  | "Follow"
  | "Undo Follow"
  | "Accept Follow"
  | "Reject Follow"
  | "Block"
  | "Undo Block";

export interface FederationEffect {
  activity: Activity;
  /** The remote account the activity goes to. */
  remoteAccountId: string;
}

export type RelationshipResult =
  | { type: "ok"; federate: FederationEffect | null }
  | { type: "not-found" }
  | { type: "forbidden" }
  /** Blocking or muting oneself: refused as a validation error. */
  | { type: "self" };

export const NOT_FOUND = { type: "not-found" } as const;
export const FORBIDDEN = { type: "forbidden" } as const;
export const SELF = { type: "self" } as const;

export interface Pair {
  actor: AccountRow;
  target: AccountRow;
}

/** Both accounts, or undefined when either is unknown. One query. */
export async function loadPair(
  db: Db,
  actorId: string,
  targetId: string,
): Promise<Pair | undefined> {
  const rows = await findAccountsByIds(db, [actorId, targetId]);
  const actor = rows.find((r) => r.id === actorId);
  const target = rows.find((r) => r.id === targetId);
  return actor === undefined || target === undefined ? undefined : { actor, target };
}

/**
 * What a local actor's change must tell a remote target. When the actor is remote the change
 * came from its server (the inbox), so there is nothing to send back — except the Accept of an
 * automatically accepted follow, which follow.ts adds itself.
 */
export function effect(pair: Pair, activity: Activity): FederationEffect | null {
  if (pair.actor.domain === null && pair.target.domain !== null)
    return { activity, remoteAccountId: pair.target.id };
  return null;
}

/**
 * Undoes one relationship row (unmute, unblock, unendorse): 404 for an unknown account, and
 * the activity to federate only when a row was really removed.
 */
export async function removePair(
  ctx: AppContext,
  table: PairTable,
  actorId: string,
  targetId: string,
  activity?: Activity,
): Promise<RelationshipResult> {
  const pair = await loadPair(ctx.db, actorId, targetId);
  if (pair === undefined) return NOT_FOUND;
  const removed = await deletePair(ctx.db, table, actorId, targetId);
  return {
    type: "ok",
    federate: removed && activity !== undefined ? effect(pair, activity) : null,
  };
}
