// Add and Remove on the sender's own `featured` collection: its pinned posts. The target must
// be the collection its actor document names, and the post the sender's own, on its server
// (fetched for an Add when unknown). Anything else (Add to another collection…) is ignored.
import type { InboxContext } from "@fedify/fedify";
import type { Add, Remove } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { pinRemoteStatus, unpinRemoteStatus } from "../../services/federation/remote-pins.ts";
import { remotePostAt } from "../remote-post.ts";
import { sameOrigin, senderAccount } from "./common.ts";

async function featuredChange(ctx: InboxContext<AppContext>, activity: Add | Remove) {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null || sender.featured_url === null) return null;
  if (activity.targetId?.href !== sender.featured_url) return null;
  const objectId = activity.objectId;
  if (objectId === null || !sameOrigin(objectId, new URL(sender.uri))) return null;
  return { sender, objectId };
}

export async function onAdd(ctx: InboxContext<AppContext>, activity: Add): Promise<void> {
  const change = await featuredChange(ctx, activity);
  if (change === null) return;
  const status = await remotePostAt(ctx, change.objectId);
  if (status !== null) await pinRemoteStatus(ctx.data, change.sender.id, status);
}

export async function onRemove(ctx: InboxContext<AppContext>, activity: Remove): Promise<void> {
  const change = await featuredChange(ctx, activity);
  if (change === null) return;
  const status = await findStatusByUri(ctx.data.db, change.objectId.href);
  if (status !== undefined) await unpinRemoteStatus(ctx.data, change.sender.id, status);
}
