// FEP-8fcf on receipt: Fedify neither reads nor exposes the `Collection-Synchronization`
// header, so mount.ts keeps a copy of a POST that carries it and, once Fedify has accepted the
// activity (its signature verified, its actor the key's owner), hands the header and the
// activity's actor here. Nothing here can fail the delivery.
import type { AppContext } from "../context.ts";
import { log } from "../logger.ts";
import { checkFollowersSync } from "../services/federation/followers-sync.ts";

export const SYNC_HEADER = "collection-synchronization";

function actorOf(activity: unknown): string | null {
  if (typeof activity !== "object" || activity === null) return null;
  const actor = (activity as { actor?: unknown }).actor;
  if (typeof actor === "string") return actor;
  const id = (actor as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : null;
}

export async function noteCollectionSync(
  ctx: AppContext,
  accepted: Request,
  header: string,
): Promise<void> {
  try {
    const actor = actorOf(await accepted.json());
    if (actor !== null) await checkFollowersSync(ctx, actor, header);
  } catch (error) {
    log("federation").warn("Collection-Synchronization not handled: {error}", { error });
  }
}
