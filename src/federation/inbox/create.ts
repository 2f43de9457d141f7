// Create of a post (Note, Question, Article, Page, Video, Event…) and Update of a post or of
// the sender's profile. Origin rules first, nothing stored when they fail:
// - the object's id is on the sender's host (a server speaks only for its own objects);
// - the object's attributedTo is the sender;
// - an Update changes only the sender's own post (checked again by the service) or profile.
// Fedify has already checked that the sender signed the request (or the activity).
import type { InboxContext } from "@fedify/fedify";
import {
  type Activity,
  type Object as APObject,
  type Create,
  isActor,
  Note,
  type Update,
} from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findPollById } from "../../repos/polls.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { enqueueDelivery } from "../../services/federation/enqueue-delivery.ts";
import { receiveStatus } from "../../services/federation/receive-status.ts";
import { updateRemoteStatus } from "../../services/federation/update-remote-status.ts";
import { voteOnPoll } from "../../services/polls/vote.ts";
import { resolveRemoteAccount, signedLoader } from "../remote-actor.ts";
import { type Ctx, inboxLog, isPost, sameOrigin, senderAccount } from "./common.ts";
import { noteData } from "./note-data.ts";
import { receiveQuoteOf } from "./quotes.ts";
import { rawObjectOf } from "./raw-media.ts";

/** The post object of the activity, when it passes the origin rules for `sender`. */
export async function postObject(
  ctx: Ctx,
  activity: Activity,
  sender: AccountRow,
): Promise<APObject | null> {
  const senderUri = new URL(sender.uri);
  if (!sameOrigin(activity.objectId, senderUri)) {
    inboxLog.info("Refused {type} {id}: object {object} is not on the sender's host", {
      type: activity.constructor.name,
      id: activity.id?.href,
      object: activity.objectId?.href,
    });
    return null;
  }
  const object = await activity.getObject({
    documentLoader: await signedLoader(ctx),
    suppressError: true,
  });
  if (!isPost(object)) return null;
  if (!sameOrigin(object.id, senderUri)) return null;
  // attributedTo must name the sender (a missing one is taken as the sender, as Mastodon).
  const authors = object.attributionIds;
  if (authors.length > 0 && !authors.some((a) => a.href === sender.uri)) return null;
  return object;
}

/**
 * A vote on one of our polls: a Note naming an option, in reply to the poll (Mastodon's
 * Create#poll_vote?). True when the object was one, whether or not the vote counted.
 */
async function pollVote(ctx: Ctx, object: APObject, sender: AccountRow): Promise<boolean> {
  const name = object.name?.toString() ?? "";
  if (!(object instanceof Note) || name === "" || object.replyTargetId === null) return false;
  const parent = await findStatusByUri(ctx.data.db, object.replyTargetId.href);
  if (parent === undefined || !parent.local || parent.poll_id === null) return false;
  const poll = await findPollById(ctx.data.db, parent.poll_id);
  const choice = poll?.options.indexOf(name) ?? -1;
  // An unknown option, a second ballot, an ended poll: refused by the service, ignored here.
  if (poll === undefined || choice < 0) return true;
  const result = await voteOnPoll(ctx.data, sender.id, String(poll.id), [choice]);
  // The new tallies go out to those who have the poll (Update of the Question), as for a
  // local vote; our poll's author is the one who sends it.
  if (result.type === "ok")
    await enqueueDelivery(ctx.data, "poll", String(poll.account_id), result.federate);
  return true;
}

export async function onCreate(ctx: InboxContext<AppContext>, activity: Create): Promise<void> {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  const object = await postObject(ctx, activity, sender);
  if (object === null || (await pollVote(ctx, object, sender))) return;
  const received = await receiveStatus(ctx.data, await noteData(ctx, object, sender, activity));
  if (received.created)
    await receiveQuoteOf(ctx, object, rawObjectOf(object, activity), received.status, sender);
}

export async function onUpdate(ctx: InboxContext<AppContext>, activity: Update): Promise<void> {
  if (activity.actorId !== null && activity.objectId?.href === activity.actorId.href) {
    // Update(Person): the actor signed its own new document; taken as sent (same id), else
    // fetched again from its origin. The same checks as a first fetch apply (WebFinger…).
    const object = await activity.getObject({
      documentLoader: await signedLoader(ctx),
      suppressError: true,
    });
    await resolveRemoteAccount(ctx, activity.actorId, {
      refresh: true,
      ...(isActor(object) ? { actor: object } : {}),
    });
    return;
  }
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  const object = await postObject(ctx, activity, sender);
  if (object === null) return;
  await updateRemoteStatus(ctx.data, await noteData(ctx, object, sender, activity));
}
