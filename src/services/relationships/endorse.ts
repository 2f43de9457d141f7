// Endorse (feature on one's profile) — https://docs.joinmastodon.org/methods/accounts/#endorse
// Only an account one follows may be endorsed (Mastodon's AccountPin validation: 422); again
// changes nothing. Unfollowing or blocking removes the endorsement.
import type { AppContext } from "../../context.ts";
import { pairExists } from "../../repos/relationships.ts";
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
    await trx
      .insertInto("account_pins")
      .values({
        id: ctx.newId(),
        account_id: actorId,
        target_account_id: targetId,
        created_at: ctx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
      .execute();
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
