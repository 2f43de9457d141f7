// Block — https://docs.joinmastodon.org/methods/accounts/#block
// As Mastodon: the follows both ways end (counts follow), pending requests and endorsements
// both ways are dropped, then the block is stored. Blocking again changes nothing. Blocking oneself is a 422.
import type { AppContext } from "../../context.ts";
import { adjustFollowCounts, deletePair, insertBlock } from "../../repos/relationships.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { effect, loadPair, NOT_FOUND, type RelationshipResult, SELF } from "./common.ts";

export async function block(
  ctx: AppContext,
  actorId: string,
  targetId: string,
  options: { uri?: string | null } = {},
): Promise<RelationshipResult> {
  if (actorId === targetId) return SELF;
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, targetId);
    if (pair === undefined) return NOT_FOUND;
    for (const [from, to] of [
      [actorId, targetId],
      [targetId, actorId],
    ] as const) {
      if (await deletePair(trx, "follows", from, to)) await adjustFollowCounts(trx, from, to, -1);
      await deletePair(trx, "follow_requests", from, to);
      await deletePair(trx, "account_pins", from, to);
    }
    // Each side's home loses the other's posts (the visibility rule already hides them).
    if (pair.actor.domain === null) await enqueueFeedChange(ctx, trx, "unmerge", actorId, targetId);
    if (pair.target.domain === null)
      await enqueueFeedChange(ctx, trx, "unmerge", targetId, actorId);
    const created = await insertBlock(trx, {
      id: ctx.newId(),
      accountId: actorId,
      targetAccountId: targetId,
      uri: options.uri ?? null,
      at: ctx.clock.now().toISOString(),
    });
    return { type: "ok", federate: created ? effect(pair, "Block") : null };
  });
}
