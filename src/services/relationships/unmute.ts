// Unmute — https://docs.joinmastodon.org/methods/accounts/#unmute
import type { AppContext } from "../../context.ts";
import { type RelationshipResult, removePair } from "./common.ts";

export function unmute(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  return removePair(ctx, "mutes", actorId, targetId);
}
