// Mute — https://docs.joinmastodon.org/methods/accounts/#mute
// `notifications` (default true) also hides their notifications; `duration` in seconds (0:
// indefinite) becomes expires_at, after which every read treats the mute as gone. Muting again
// replaces both choices. Mutes are private: nothing federates.
import type { AppContext } from "../../context.ts";
import { upsertMute } from "../../repos/relationships.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { loadPair, NOT_FOUND, type RelationshipResult, SELF } from "./common.ts";

export interface MuteInput {
  notifications?: boolean | undefined;
  /** Seconds; 0 or undefined: until unmuted. */
  duration?: number | undefined;
}

export async function mute(
  ctx: AppContext,
  actorId: string,
  targetId: string,
  input: MuteInput = {},
): Promise<RelationshipResult> {
  if (actorId === targetId) return SELF;
  const pair = await loadPair(ctx.db, actorId, targetId);
  if (pair === undefined) return NOT_FOUND;
  const now = ctx.clock.now();
  const duration = input.duration ?? 0;
  // One transaction: the mute and the job that clears their posts from home come together.
  await ctx.db.transaction().execute(async (trx) => {
    await upsertMute(trx, {
      id: ctx.newId(),
      accountId: actorId,
      targetAccountId: targetId,
      hideNotifications: input.notifications ?? true,
      expiresAt: duration > 0 ? new Date(now.getTime() + duration * 1000).toISOString() : null,
      at: now.toISOString(),
    });
    if (pair.actor.domain === null) await enqueueFeedChange(ctx, trx, "unmerge", actorId, targetId);
  });
  return { type: "ok", federate: null };
}
