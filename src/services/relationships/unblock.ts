// Unblock — https://docs.joinmastodon.org/methods/accounts/#unblock
// Follows removed by the block stay removed, as on Mastodon.
import type { AppContext } from "../../context.ts";
import { type RelationshipResult, removePair } from "./common.ts";

export function unblock(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  return removePair(ctx, "blocks", actorId, targetId, "Undo Block");
}
