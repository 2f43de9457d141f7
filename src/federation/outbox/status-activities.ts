// Activities about posts: Create, Update and Delete (a Tombstone) of a Note — a Question when
// the post has a poll — and Announce / Undo(Announce) for boosts. Addressing follows the post's
// visibility (notes.ts, Mastodon's): public and unlisted and followers-only posts go to the
// remote followers and the remote accounts mentioned; direct ones to those mentioned only.
import type { Context } from "@fedify/fedify";
import {
  type Activity,
  Announce,
  Collection,
  Create,
  Delete,
  Note,
  Question,
  type Recipient,
  Tombstone,
  Undo,
  Update,
} from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findPollOfStatus, findPollTallies } from "../../repos/polls.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findMentionsOf } from "../../repos/status-reads.ts";
import { findStatusById, type StatusRow } from "../../repos/statuses.ts";
import type { BoostFederationEffect } from "../../services/interactions/reblog.ts";
import type { StatusFederationEffect } from "../../services/statuses/common.ts";
import { loadNoteParts, toNote } from "../notes.ts";
import { instant } from "../temporal.ts";
import { accountsAmong, followersAnd } from "./recipients.ts";

export interface Outgoing {
  activity: Activity;
  recipients: Recipient[];
  /** Send to the followers with FEP-8fcf's header (followers-sync.ts). */
  syncFollowers?: boolean;
}

/** A local post of `actorId` (deleted ones too: a Delete needs its row). */
async function ownStatus(
  app: AppContext,
  actorId: string,
  statusId: string,
): Promise<StatusRow | undefined> {
  const status = await findStatusById(app.db, statusId);
  if (status === undefined || !status.local || status.account_id !== actorId) return undefined;
  return status;
}

/** Who a post reaches: followers (unless direct) and the remote accounts it mentions. */
export function audience(
  app: AppContext,
  status: StatusRow,
  mentionedIds: readonly string[],
): Promise<Recipient[]> {
  return status.visibility === "direct"
    ? accountsAmong(app, mentionedIds)
    : followersAnd(app, status.account_id, mentionedIds);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The Note of a post, or a Question with its options and tallies when it has a poll. */
export async function noteOrQuestion(
  app: AppContext,
  fctx: Context<AppContext>,
  status: StatusRow,
): Promise<Note | Question> {
  const parts = await loadNoteParts(app, [status]);
  const note = toNote(app, fctx, status, parts.get(String(status.id))!);
  const poll = status.poll_id === null ? undefined : await findPollOfStatus(app.db, status.id);
  if (poll === undefined) return note;
  const tallies = await findPollTallies(app.db, [poll.id], null);
  const options = poll.options.map(
    (name, choice) =>
      new Note({
        name,
        replies: new Collection({
          totalItems: tallies.find((t) => t.choice === choice)?.votes ?? 0,
        }),
      }),
  );
  const closedAt = poll.closed_at ?? null;
  return new Question({
    id: note.id,
    attribution: note.attributionId,
    tos: note.toIds,
    ccs: note.ccIds,
    published: note.published,
    updated: note.updated,
    url: note.url instanceof URL ? note.url : null,
    replyTarget: note.replyTargetId,
    summary: note.summary,
    sensitive: note.sensitive,
    contents: note.contents,
    attachments: await collect(note.getAttachments()),
    tags: await collect(note.getTags()),
    ...(poll.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: poll.expires_at === null ? null : instant(poll.expires_at),
    closed: closedAt === null ? null : instant(closedAt),
    voters: Number(poll.voters_count),
  });
}

function wrap(
  kind: typeof Create | typeof Update,
  id: URL,
  fctx: Context<AppContext>,
  status: StatusRow,
  object: Note | Question,
): Activity {
  return new kind({
    id,
    actor: fctx.getActorUri(String(status.account_id)),
    object,
    published: instant(status.edited_at ?? status.created_at),
    tos: object.toIds,
    ccs: object.ccIds,
  });
}

/** Create / Update / Delete / Undo(Announce) named by a status service. */
export async function statusActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: StatusFederationEffect,
): Promise<Outgoing | null> {
  const status = await ownStatus(app, actorId, effect.statusId);
  if (status === undefined) return null;
  if (effect.activity === "Undo Announce") {
    if (status.reblog_of_id === null) return null;
    return undoAnnounce(app, fctx, status);
  }
  const mentioned = effect.mentionedAccountIds;
  if (effect.activity === "Delete") {
    // Addressed as the post was, so a followers-only post's deletion stays among followers.
    const parts = await loadNoteParts(app, [status]);
    const note = toNote(app, fctx, status, parts.get(String(status.id))!);
    const activity = new Delete({
      id: new URL(`${status.uri}#delete`),
      actor: fctx.getActorUri(actorId),
      object: new Tombstone({
        id: new URL(status.uri),
        deleted: status.deleted_at === null ? null : instant(status.deleted_at),
      }),
      tos: note.toIds,
      ccs: note.ccIds,
    });
    return { activity, recipients: await audience(app, status, mentioned) };
  }
  // Create and Update describe the post as it is now; a post deleted meanwhile sends nothing
  // (its Delete follows).
  if (status.deleted_at !== null) return null;
  const object = await noteOrQuestion(app, fctx, status);
  const id =
    effect.activity === "Create"
      ? new URL(`${status.uri}/activity`)
      : new URL(`${status.uri}#updates/${Date.parse(status.edited_at ?? status.updated_at)}`);
  const activity = wrap(effect.activity === "Create" ? Create : Update, id, fctx, status, object);
  const recipients = await audience(app, status, mentioned);
  // Mastodon synchronises followers (FEP-8fcf) on the Create of a followers-only post.
  const syncFollowers = effect.activity === "Create" && status.visibility === "private";
  return { activity, recipients, syncFollowers };
}

/**
 * Update of a local post as it is now: a poll's new tallies or closing, a changed quote
 * policy. Always from the post's author, whoever's vote moved the tallies.
 */
export async function postUpdate(
  app: AppContext,
  fctx: Context<AppContext>,
  statusId: string,
  nonce: string,
): Promise<Outgoing | null> {
  const status = await findStatusById(app.db, statusId);
  if (status === undefined || !status.local || status.deleted_at !== null) return null;
  const object = await noteOrQuestion(app, fctx, status);
  const activity = wrap(Update, new URL(`${status.uri}#updates/${nonce}`), fctx, status, object);
  const mentions = await findMentionsOf(app.db, [status.id]);
  const mentioned = mentions.map((m) => m.accountId);
  return { activity, recipients: await audience(app, status, mentioned) };
}

/** The Announce of a boost, and who hears of it: followers and the boosted post's author. */
async function announceOf(
  app: AppContext,
  fctx: Context<AppContext>,
  boost: StatusRow,
): Promise<Outgoing | null> {
  const original = await findStatusById(app.db, boost.reblog_of_id!);
  const author =
    original === undefined ? undefined : await findAccountById(app.db, original.account_id);
  if (original === undefined || author === undefined) return null;
  const actor = String(boost.account_id);
  const followers = fctx.getFollowersUri(actor);
  const authorUri = new URL(author.uri);
  const publicly = boost.visibility === "public";
  const activity = new Announce({
    id: new URL(`${boost.uri}/activity`),
    actor: fctx.getActorUri(actor),
    object: new URL(original.uri),
    published: instant(boost.created_at),
    // Mastodon's: public boosts to Public, cc the author and followers; unlisted the reverse.
    tos: publicly ? [new URL("https://www.w3.org/ns/activitystreams#Public")] : [followers],
    ccs: publicly
      ? [authorUri, followers]
      : [new URL("https://www.w3.org/ns/activitystreams#Public"), authorUri],
  });
  return { activity, recipients: await followersAnd(app, actor, [original.account_id]) };
}

async function undoAnnounce(
  app: AppContext,
  fctx: Context<AppContext>,
  boost: StatusRow,
): Promise<Outgoing | null> {
  const announced = await announceOf(app, fctx, boost);
  if (announced === null) return null;
  const announce = announced.activity;
  const activity = new Undo({
    id: new URL(`${boost.uri}/activity#undo`),
    actor: announce.actorId,
    object: announce,
    tos: announce.toIds,
    ccs: announce.ccIds,
  });
  return { activity, recipients: announced.recipients };
}

/** Announce / Undo(Announce) named by reblog.ts and unreblog.ts. */
export async function boostActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: BoostFederationEffect,
): Promise<Outgoing | null> {
  const boost = await ownStatus(app, actorId, effect.boostId);
  if (boost === undefined || boost.reblog_of_id === null) return null;
  if (effect.activity === "Undo Announce") return undoAnnounce(app, fctx, boost);
  if (boost.deleted_at !== null) return null;
  return announceOf(app, fctx, boost);
}
