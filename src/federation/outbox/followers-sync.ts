// Followers-only posts carry FEP-8fcf's `Collection-Synchronization` header, as Mastodon's
// do: Fedify adds it (collectionId, the partial collection's URL, the digest of the followers
// on each inbox) only when an activity goes to "followers", so the followers go that way —
// Fedify reads them through our dispatcher, which keeps only those we may deliver to
// (collections.ts) — and the others named (mentions) in a second send, minus the inboxes the
// first already reached.
import type { Context } from "@fedify/fedify";
import type { Activity, Recipient } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { listRemoteFollowers } from "../../repos/deliveries.ts";
import { toRecipient } from "./recipients.ts";

const inboxOf = (r: Recipient) => (r.endpoints?.sharedInbox ?? r.inboxId)?.href ?? null;

export async function sendWithFollowersSync(
  app: AppContext,
  fctx: Context<AppContext>,
  identifier: string,
  activity: Activity,
  reachable: readonly Recipient[],
): Promise<void> {
  const options = { preferSharedInbox: true, excludeBaseUris: [new URL(app.config.baseUrl)] };
  const followers = (await listRemoteFollowers(app.db, identifier)).map(toRecipient);
  const followerIds = new Set(followers.map((f) => f.id?.href));
  // Only followers we may deliver to count: an undeliverable one's inbox is not reached.
  const reachedInboxes = new Set(
    reachable.filter((r) => followerIds.has(r.id?.href)).flatMap((r) => inboxOf(r) ?? []),
  );
  if (reachedInboxes.size > 0)
    await fctx.sendActivity({ identifier }, "followers", activity, {
      ...options,
      syncCollection: true,
    });
  const others = reachable.filter(
    (r) => !followerIds.has(r.id?.href) && !reachedInboxes.has(inboxOf(r) ?? ""),
  );
  if (others.length > 0) await fctx.sendActivity({ identifier }, others, activity, options);
}
