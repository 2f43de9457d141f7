// Endorse (feature on one's profile) — https://docs.joinmastodon.org/methods/accounts/#endorse
// Only an account one follows may be endorsed (Mastodon's AccountPin validation: 422); again
// changes nothing. Unfollowing or blocking removes the endorsement.
import type { AppContext } from "../../context.ts";
import { insertEndorsement, pairExists } from "../../repos/relationships.ts";
import { loadPair, NOT_FOUND, type RelationshipResult, removePair } from "./common.ts";

export async function endorse(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult | { type: "not-following" }> {
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, targetId);
    if (pair === undefined) return NOT_FOUND;
    if (!(await pairExists(trx, "follows", actorId, targetId))) return { type: "not-following" };
    await insertEndorsement(trx, ctx.newId(), actorId, targetId, ctx.clock.now().toISOString());
    return { type: "ok", federate: null };
  });
}

export function unendorse(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  return removePair(ctx, "account_pins", actorId, targetId);
}
