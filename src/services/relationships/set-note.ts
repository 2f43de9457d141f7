// Private note on an account — https://docs.joinmastodon.org/methods/accounts/#note
// Only its author ever sees it; an empty comment removes it. Mastodon caps it at 2,000 characters.
import type { AppContext } from "../../context.ts";
import { upsertNote } from "../../repos/relationships.ts";
import { loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export const MAX_NOTE_LENGTH = 2000;

export async function setNote(
  ctx: AppContext,
  actorId: string,
  targetId: string,
  comment: string,
): Promise<RelationshipResult | { type: "too-long" }> {
  if ([...comment].length > MAX_NOTE_LENGTH) return { type: "too-long" };
  const pair = await loadPair(ctx.db, actorId, targetId);
  if (pair === undefined) return NOT_FOUND;
  await upsertNote(ctx.db, {
    id: ctx.newId(),
    accountId: actorId,
    targetAccountId: targetId,
    comment,
    at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", federate: null };
}
