// A remote account moved (an accepted Move, checked by the inbox: the target lists the origin
// in `alsoKnownAs`). As Mastodon's MoveWorker: the origin names its new account, and each of
// our accounts that followed the origin follows the target (a Follow goes out) and stops
// following the origin (an Undo goes out). A bounded number of followers per Move.
import type { AppContext } from "../../context.ts";
import { findLocalFollowerIds, setMovedTo } from "../../repos/remote-objects.ts";
import { follow } from "../relationships/follow.ts";
import { unfollow } from "../relationships/unfollow.ts";
import { enqueueDelivery } from "./enqueue-delivery.ts";

export const MOVE_FOLLOWER_LIMIT = 10_000;

export async function moveRemoteAccount(
  ctx: AppContext,
  originId: string,
  targetId: string,
): Promise<number> {
  if (originId === targetId) return 0;
  await setMovedTo(ctx.db, originId, targetId);
  return migrateLocalFollowers(ctx, originId, targetId);
}

/**
 * Our accounts that follow `originId` follow `targetId` and leave the origin (Follow and
 * Undo go out where either is remote). Shared by a remote account's Move and a local
 * account moving away (services/moves/move-account.ts). Returns how many moved.
 */
export async function migrateLocalFollowers(
  ctx: AppContext,
  originId: string,
  targetId: string,
): Promise<number> {
  if (originId === targetId) return 0;
  const followers = await findLocalFollowerIds(ctx.db, originId, MOVE_FOLLOWER_LIMIT);
  let moved = 0;
  for (const followerId of followers) {
    const followed = await follow(ctx, followerId, targetId);
    // Blocked, suspended…: the follower keeps following the origin, as Mastodon.
    if (followed.type !== "ok") continue;
    await enqueueDelivery(ctx, "relationship", followerId, followed.federate);
    const left = await unfollow(ctx, followerId, originId);
    if (left.type === "ok") await enqueueDelivery(ctx, "relationship", followerId, left.federate);
    moved++;
  }
  return moved;
}
