// A revoked token stops streaming at once, as Mastodon's `kill` on the token's system channel:
// every process holding a socket or SSE response for the token closes it (api/streaming).
// Revocations that end several tokens read their ids first (liveTokenIds), then revoke, then
// call endTokenStreams once the revocation is committed.
import type { AppContext } from "../../context.ts";
import { channels } from "../../domain/streaming.ts";
import { findLiveTokenIds } from "../../repos/streaming.ts";

export const KILL_MESSAGE = JSON.stringify({ event: "kill" });

export async function endTokenStreams(ctx: AppContext, tokenIds: readonly string[]): Promise<void> {
  await Promise.all(
    tokenIds.map((id) => ctx.pubsub.publish(channels.accessToken(id), KILL_MESSAGE)),
  );
}

export function liveTokenIds(
  ctx: AppContext,
  userId: string,
  options: { applicationId?: string } = {},
): Promise<string[]> {
  return findLiveTokenIds(ctx.db, userId, options);
}
