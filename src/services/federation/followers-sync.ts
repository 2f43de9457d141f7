// FEP-8fcf followers synchronisation, receiving side (Mastodon's
// PrepareFollowersSynchronizationService and SynchronizeFollowersService): a remote account's
// delivery says, by digest, which of our accounts it thinks follow it. When our follows of it
// differ, a job (federation/followers-sync-fetch.ts) reads its partial followers collection,
// and our local follows it does not list are removed — as an unfollow, so it hears an Undo.
import type { AppContext } from "../../context.ts";
import { followersDigest, parseCollectionSync } from "../../domain/followers-digest.ts";
import { listLocalFollowersOf } from "../../repos/followers-sync.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findAccountByUri } from "../../repos/remote-objects.ts";
import { unfollow } from "../relationships/unfollow.ts";
import { enqueueDelivery } from "./enqueue-delivery.ts";

function originOf(href: string): string | null {
  try {
    return new URL(href).origin;
  } catch {
    return null;
  }
}

/**
 * A delivery from `actorUri` (verified by Fedify) carried `header`: queues a synchronisation
 * when the digest differs from our local follows of that account. True when one was queued.
 */
export async function checkFollowersSync(
  ctx: AppContext,
  actorUri: string,
  header: string,
): Promise<boolean> {
  const sync = parseCollectionSync(header);
  if (sync === null) return false;
  const account = await findAccountByUri(ctx.db, actorUri);
  if (account === undefined || account.domain === null) return false;
  // The collection must be the sender's followers, listed on its own server: a header can
  // make us read nothing but the sender's own, authoritative, list.
  const origin = originOf(actorUri);
  if (origin === null || originOf(sync.url) !== origin) return false;
  if (
    account.followers_url !== null
      ? sync.collectionId !== account.followers_url
      : originOf(sync.collectionId) !== origin
  )
    return false;
  const local = await listLocalFollowersOf(ctx.db, String(account.id));
  if (followersDigest(local.map((f) => f.uri)) === sync.digest) return false;
  const now = ctx.clock.now().toISOString();
  return enqueueJob(ctx.db, {
    id: ctx.newId(),
    type: "account.sync-followers",
    payload: { accountId: String(account.id), url: sync.url },
    key: `account.sync-followers:${account.id}`,
    runAt: now,
    createdAt: now,
  });
}

/**
 * The remote account's partial collection listed `listed` (actor URIs of ours): our local
 * follows of it that it does not list are removed. Returns how many.
 */
export async function dropUnlistedFollows(
  ctx: AppContext,
  accountId: string,
  listed: ReadonlySet<string>,
): Promise<number> {
  const account = await findAccountById(ctx.db, accountId);
  if (account === undefined || account.domain === null) return 0;
  let removed = 0;
  for (const follower of await listLocalFollowersOf(ctx.db, accountId)) {
    if (listed.has(follower.uri)) continue;
    const result = await unfollow(ctx, follower.id, accountId);
    if (result.type !== "ok") continue;
    removed++;
    await enqueueDelivery(ctx, "relationship", follower.id, result.federate);
  }
  return removed;
}
