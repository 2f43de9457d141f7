// Activities between accounts: Follow / Accept / Reject / Block and their Undo, sent to the one
// remote account concerned; Like / Undo(Like) to the liked post's remote author; Add / Remove
// of pinned posts and Update(Person) for featured hashtags to the followers; a vote on a
// remote poll (a Note per
// choice, to the poll's author). Ids that a later Undo cannot recover carry the job's nonce, so
// that doing the same thing twice (follow, unfollow, follow) never reuses an activity id.
import type { Context } from "@fedify/fedify";
import {
  Accept,
  type Activity,
  Add,
  Block,
  Create,
  Follow,
  Like,
  Note,
  Reject,
  Remove,
  Undo,
  Update,
} from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findFollowUri, findVotesByIds } from "../../repos/deliveries.ts";
import { findPollById } from "../../repos/polls.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findStatusById } from "../../repos/statuses.ts";
import type { InteractionFederationEffect } from "../../services/interactions/common.ts";
import type { FederationEffect } from "../../services/relationships/common.ts";
import { recordFollowUri } from "../../services/relationships/record-follow-uri.ts";
import type { FeaturedTagFederationEffect } from "../../services/tags/featured-common.ts";
import { federationFor } from "./instance.ts";
import { accountsAmong, followersAnd } from "./recipients.ts";
import type { Outgoing } from "./status-activities.ts";

function undo(actor: URL, object: Activity, to: URL, nonce: string): Undo {
  return new Undo({ id: new URL(`${actor.href}#undo/${nonce}`), actor, object, to });
}

/** Follow, Undo(Follow), Accept/Reject(Follow), Block, Undo(Block) to the remote account. */
export async function relationshipActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: FederationEffect,
  nonce: string,
): Promise<Outgoing | null> {
  const target = await findAccountById(app.db, effect.remoteAccountId);
  if (target === undefined || target.domain === null) return null;
  const recipients = await accountsAmong(app, [target.id]);
  const actor = fctx.getActorUri(actorId);
  const to = new URL(target.uri);
  const remote = new URL(target.uri);
  let activity: Activity;
  switch (effect.activity) {
    case "Follow": {
      const id = new URL(`${actor.href}#follows/${nonce}`);
      // A remote Accept may name our Follow only by its id: keep it on the request.
      await recordFollowUri(app, actorId, target.id, id.href);
      activity = new Follow({ id, actor, object: remote, to });
      break;
    }
    case "Undo Follow":
      // The Follow is embedded (its row is gone): receivers match it by actor and object.
      activity = undo(actor, new Follow({ actor, object: remote }), to, nonce);
      break;
    case "Accept Follow":
    case "Reject Follow": {
      // The remote follower's own Follow, by its id when we kept it (Mastodon matches on it).
      const followUri = await findFollowUri(app.db, target.id, actorId);
      const follow = new Follow({
        id: followUri === null ? null : new URL(followUri),
        actor: remote,
        object: actor,
      });
      const Kind = effect.activity === "Accept Follow" ? Accept : Reject;
      const verb = effect.activity === "Accept Follow" ? "accepts" : "rejects";
      activity = new Kind({
        id: new URL(`${actor.href}#${verb}/follows/${nonce}`),
        actor,
        object: follow,
        to,
      });
      break;
    }
    case "Block":
      activity = new Block({
        id: new URL(`${actor.href}#blocks/${nonce}`),
        actor,
        object: remote,
        to,
      });
      break;
    case "Undo Block":
      activity = undo(actor, new Block({ actor, object: remote }), to, nonce);
      break;
  }
  return { activity, recipients };
}

/** Like / Undo(Like) to a remote author; Add / Remove of a pin to the followers. */
export async function interactionActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: InteractionFederationEffect,
  nonce: string,
): Promise<Outgoing | null> {
  const status = await findStatusById(app.db, effect.statusId);
  if (status === undefined) return null;
  const actor = fctx.getActorUri(actorId);
  const object = new URL(status.uri);
  if (effect.activity === "Like" || effect.activity === "Undo Like") {
    const author = await findAccountById(app.db, status.account_id);
    if (author === undefined || author.domain === null) return null;
    const to = new URL(author.uri);
    const like = new Like({ id: new URL(`${actor.href}#likes/${nonce}`), actor, object, to });
    const activity =
      effect.activity === "Like" ? like : undo(actor, new Like({ actor, object }), to, nonce);
    return { activity, recipients: await accountsAmong(app, [author.id]) };
  }
  if (status.account_id !== actorId) return null;
  const Kind = effect.activity === "Add" ? Add : Remove;
  const activity = new Kind({
    id: new URL(`${actor.href}#featured/${effect.activity.toLowerCase()}/${nonce}`),
    actor,
    object,
    target: fctx.getFeaturedUri(actorId),
    to: new URL("https://www.w3.org/ns/activitystreams#Public"),
  });
  return { activity, recipients: await followersAnd(app, actorId, []) };
}

/**
 * A featured hashtag added or removed: Update(Person) to the followers, whose servers then
 * re-read the featured-tags collection the actor names. (Mastodon sends Add / Remove of the
 * Hashtag, but Fedify's vocabulary cannot carry a Hashtag as an activity's object.)
 */
export async function featuredTagActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  _effect: FeaturedTagFederationEffect,
  nonce: string,
): Promise<Outgoing | null> {
  return profileUpdate(app, fctx, actorId, nonce);
}

/** Update(Person) of a local account as it is now, to its followers. */
export async function profileUpdate(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  nonce: string,
): Promise<Outgoing | null> {
  const actor = fctx.getActorUri(actorId);
  // The actor dispatcher needs a request context; this one is never answered.
  const request = federationFor(app).createContext(new Request(actor.href), app);
  const person = await request.getActor(actorId);
  if (person === null) return null;
  const activity = new Update({
    id: new URL(`${actor.href}#updates/${nonce}`),
    actor,
    object: person,
    to: new URL("https://www.w3.org/ns/activitystreams#Public"),
  });
  return { activity, recipients: await followersAnd(app, actorId, []) };
}

/** A vote on a remote poll: Create(Note{name: choice}) per choice, to the poll's author. */
export async function voteActivities(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: { pollId: string; voteIds: string[]; authorId: string },
): Promise<Outgoing[]> {
  const [poll, author, votes] = await Promise.all([
    findPollById(app.db, effect.pollId),
    findAccountById(app.db, effect.authorId),
    findVotesByIds(app.db, effect.voteIds),
  ]);
  if (poll === undefined || author === undefined || author.domain === null) return [];
  const status = await findStatusById(app.db, poll.status_id);
  if (status === undefined) return [];
  const recipients = await accountsAmong(app, [author.id]);
  const actor = fctx.getActorUri(actorId);
  const to = new URL(author.uri);
  return votes.map((vote) => {
    const id = new URL(`${actor.href}#votes/${vote.id}`);
    const note = new Note({
      id,
      attribution: actor,
      name: poll.options[vote.choice] ?? "",
      replyTarget: new URL(status.uri),
      to,
    });
    const activity = new Create({ id: new URL(`${id.href}/activity`), actor, object: note, to });
    return { activity, recipients };
  });
}
