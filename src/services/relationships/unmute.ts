// Unmute — https://docs.joinmastodon.org/methods/accounts/#unmute
import type { AppContext } from "../../context.ts";
import { deletePair } from "../../repos/relationships.ts";
import { loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export async function unmute(
  ctx: AppContext,
  actorId: string,
  targetId: string,
): Promise<RelationshipResult> {
  const pair = await loadPair(ctx.db, actorId, targetId);
  if (pair === undefined) return NOT_FOUND;
  await deletePair(ctx.db, "mutes", actorId, targetId);
  return { type: "ok", federate: null };
}
