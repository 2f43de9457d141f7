// Accept and Reject of one of our Follows (or of a QuoteRequest: ./quotes.ts). The Follow is named either embedded (its actor is
// our account, its object the sender) or by id (the uri our follow request carries). Only
// the followed account itself can answer: the sender must be the Follow's object.
import type { InboxContext } from "@fedify/fedify";
import { type Accept, Follow, type Reject } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findAccountByUri, findFollowByUri } from "../../repos/remote-objects.ts";
import { authorizeFollowRequest } from "../../services/relationships/authorize-follow-request.ts";
import { rejectFollowRequest } from "../../services/relationships/reject-follow-request.ts";
import { removeFromFollowers } from "../../services/relationships/remove-from-followers.ts";
import { localAccount, senderAccount } from "./common.ts";
import { answerToQuoteRequest } from "./quotes.ts";

/** Our account whose Follow of `targetId` the activity answers, or null. */
async function ourFollower(
  ctx: InboxContext<AppContext>,
  activity: Accept | Reject,
  targetId: string,
): Promise<string | null> {
  if (activity.objectId !== null) {
    const byUri = await findFollowByUri(ctx.data.db, activity.objectId.href);
    if (byUri !== null) return byUri.targetId === targetId ? byUri.accountId : null;
  }
  // Embedded only: our Follow objects are not fetchable, so never fetch here.
  const object = await activity.getObject({ suppressError: true, documentLoader: noFetch });
  if (!(object instanceof Follow)) return null;
  const target = await findAccountByUri(ctx.data.db, object.objectId?.href ?? "");
  if (target?.id !== targetId) return null;
  return (await localAccount(ctx, object.actorId))?.id ?? null;
}

const noFetch = async (url: string): Promise<never> => {
  throw new Error(`not fetching ${url}`);
};

export async function onAccept(ctx: InboxContext<AppContext>, activity: Accept): Promise<void> {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  if (await answerToQuoteRequest(ctx, activity, sender, "accepted")) return;
  const follower = await ourFollower(ctx, activity, sender.id);
  if (follower === null) return;
  // The asked account (the sender) accepts the request of our follower.
  await authorizeFollowRequest(ctx.data, sender.id, follower);
}

export async function onReject(ctx: InboxContext<AppContext>, activity: Reject): Promise<void> {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  if (await answerToQuoteRequest(ctx, activity, sender, "rejected")) return;
  const follower = await ourFollower(ctx, activity, sender.id);
  if (follower === null) return;
  // A pending request is dropped; an accepted follow is ended (Mastodon's Reject does both).
  const rejected = await rejectFollowRequest(ctx.data, sender.id, follower);
  if (rejected.type === "not-found") await removeFromFollowers(ctx.data, sender.id, follower);
}
