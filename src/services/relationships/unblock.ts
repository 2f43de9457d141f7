// Unblock — https://docs.joinmastodon.org/methods/accounts/#unblock
// Follows removed by the block stay removed, as on Mastodon.
import type { AppContext } from "../../context.ts";
import { deletePair } from "../../repos/relationships.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function unblock(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  const pair = await loadPair(ctx.db, actorId, targetId);
  if (pair === undefined) return NOT_FOUND;
  const removed = await deletePair(ctx.db, "blocks", actorId, targetId);
  return { type: "ok", federate: removed ? effect(pair, "Undo Block") : null };
}
