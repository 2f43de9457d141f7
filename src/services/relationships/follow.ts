// Follow an account — https://docs.joinmastodon.org/methods/accounts/#follow
// A locked account, or any remote one (until its server sends Accept), gets a follow request;
// otherwise the follow is made at once and both counts move in the same transaction. Following
// again only updates the options (reblogs, notify, languages). Refused as Mastodon's
// FollowService does: oneself or a suspended account is "not found" (404), either side
// blocking the other is "not allowed" (403).
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { findBlockedDomains } from "../../repos/domain-blocks.ts";
import {
  adjustFollowCounts,
  blocksBetween,
  type FollowOptions,
  findFollowLike,
  insertFollowLike,
  updateFollowLike,
} from "../../repos/relationships.ts";
import { enqueueNotify } from "../notifications/enqueue.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { effect, FORBIDDEN, loadPair, NOT_FOUND, type RelationshipResult } from "./common.ts";

export interface FollowInput {
  reblogs?: boolean | undefined;
  notify?: boolean | undefined;
  /** null or []: every language. */
  languages?: string[] | null | undefined;
  /** The Follow activity's id, when the inbox calls this for a remote follower. */
  uri?: string | null;
}

async function blockedAcross(
  db: Db,
  actor: { id: string; domain: string | null },
  target: { id: string; domain: string | null },
): Promise<boolean> {
  if (target.domain !== null && (await findBlockedDomains(db, actor.id, [target.domain])).size > 0)
    return true;
  return (
    actor.domain !== null && (await findBlockedDomains(db, target.id, [actor.domain])).size > 0
  );
}

function merge(input: FollowInput, current: FollowOptions | undefined): FollowOptions {
  const languages = input.languages === undefined ? (current?.languages ?? null) : input.languages;
  return {
    showReblogs: input.reblogs ?? current?.showReblogs ?? true,
    notify: input.notify ?? current?.notify ?? false,
    languages: languages === null || languages.length === 0 ? null : [...new Set(languages)],
  };
}

export async function follow(
  ctx: AppContext,
  actorId: string,
  targetId: string,
  input: FollowInput = {},
): Promise<RelationshipResult> {
  if (actorId === targetId) return NOT_FOUND;
  return ctx.db.transaction().execute(async (trx) => {
    const pair = await loadPair(trx, actorId, targetId);
    if (pair === undefined || pair.target.suspended_at !== null) return NOT_FOUND;
    const blocks = await blocksBetween(trx, actorId, targetId);
    if (blocks.blocking || blocks.blockedBy) return FORBIDDEN;
    // A domain block keeps the two servers' people apart both ways (Mastodon's FollowService
    // and its handling of incoming follows).
    if (await blockedAcross(trx, pair.actor, pair.target)) return FORBIDDEN;
    const at = ctx.clock.now().toISOString();

    const existing = await findFollowLike(trx, "follows", actorId, targetId);
    if (existing !== undefined) {
      await updateFollowLike(trx, "follows", actorId, targetId, merge(input, existing), at);
      return { type: "ok", federate: null };
    }
    const pending = await findFollowLike(trx, "follow_requests", actorId, targetId);
    if (pending !== undefined) {
      await updateFollowLike(trx, "follow_requests", actorId, targetId, merge(input, pending), at);
      return { type: "ok", federate: null };
    }

    const options = merge(input, undefined);
    const row = { id: ctx.newId(), accountId: actorId, targetAccountId: targetId, at };
    // A remote follower's request arrives with its own uri; ours get theirs when federated.
    const uri = input.uri ?? null;
    // A follower from a silenced domain asks even an unlocked account (Mastodon's
    // ActivityPub::Activity::Follow: `@account.silenced?`).
    const needsApproval =
      pair.target.locked || pair.target.domain !== null || pair.actor.silenced_at != null;
    if (needsApproval) {
      if (await insertFollowLike(trx, "follow_requests", { ...row, uri }, options))
        await enqueueNotify(ctx, trx, {
          type: "follow_request",
          recipientId: targetId,
          fromId: actorId,
        });
    } else if (await insertFollowLike(trx, "follows", { ...row, uri }, options)) {
      await adjustFollowCounts(trx, actorId, targetId, 1);
      await enqueueNotify(ctx, trx, { type: "follow", recipientId: targetId, fromId: actorId });
      if (pair.actor.domain === null) await enqueueFeedChange(ctx, trx, "merge", actorId, targetId);
    }
    // A remote follower of an unlocked local account is answered with an Accept at once.
    if (!needsApproval && pair.actor.domain !== null && pair.target.domain === null)
      return { type: "ok", federate: { activity: "Accept Follow", remoteAccountId: actorId } };
    return { type: "ok", federate: effect(pair, "Follow") };
  });
}
