// Boost a status — https://docs.joinmastodon.org/methods/statuses/#boost
// As Mastodon's ReblogService: boosting a boost boosts its original; boosting again returns
// the existing boost. A status the actor cannot see is a 404 (the visibility rule, blocks
// included); a visible one they may not boost is a 403 as Mastodon's StatusPolicy#reblog?:
// direct posts never, private ones only by their author (a self-boost, which stays private).
// The boost is a status row with no text: reblogs_count of the original and the booster's
// statuses_count move with it, in one transaction. Federation: an Announce.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import { isVisibility, readUserSettings, type Visibility } from "../../domain/user-settings.ts";
import { findBoostBy } from "../../repos/boosts.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findAccountById } from "../../repos/profiles.ts";
import {
  adjustAccountStatuses,
  adjustStatusCount,
  findSettingsOfAccount,
  findStatusById,
  insertStatus,
} from "../../repos/statuses.ts";
import { enqueueNotify } from "../notifications/enqueue.ts";
import type { StatusRow } from "../statuses/common.ts";
import { NOT_FOUND, visibleStatus } from "./common.ts";

export type BoostActivity = "Announce" | "Undo Announce";

export interface BoostFederationEffect {
  activity: BoostActivity;
  actorId: string;
  /** The boost's own status id: the Announce's id is its uri. */
  boostId: string;
  /** The boosted (original) status and its author, a recipient when remote. */
  statusId: string;
  statusAccountId: string;
  /** The boost's visibility: public and unlisted go to followers and the author. */
  visibility: Visibility;
}

export type ReblogResult =
  | { type: "ok"; boost: StatusRow; federate: BoostFederationEffect | null }
  | typeof NOT_FOUND
  | { type: "forbidden" }
  | { type: "invalid"; message: string };

export interface ReblogOptions {
  /** public, unlisted or private; omitted: the actor's default (public if that is direct). */
  visibility?: string | undefined;
  /** A remote Announce's id (federation, later). */
  uri?: string | undefined;
}

/** The status a boost of `status` would boost: the original when `status` is itself a boost. */
export async function boostTarget(
  ctx: AppContext,
  actorId: string,
  statusId: string,
): Promise<StatusRow | undefined> {
  const status = await visibleStatus(ctx.db, actorId, statusId);
  if (status === undefined || status.reblog_of_id === null) return status;
  return visibleStatus(ctx.db, actorId, status.reblog_of_id);
}

export async function reblog(
  ctx: AppContext,
  actorId: string,
  statusId: string,
  options: ReblogOptions = {},
): Promise<ReblogResult> {
  try {
    return await attempt(ctx, actorId, statusId, options);
  } catch (error) {
    // Two requests raced and the other inserted the boost (statuses_one_boost): return it.
    if (!(error instanceof UniqueViolationError)) throw error;
    return attempt(ctx, actorId, statusId, options);
  }
}

async function attempt(
  ctx: AppContext,
  actorId: string,
  statusId: string,
  options: ReblogOptions,
): Promise<ReblogResult> {
  const original = await boostTarget(ctx, actorId, statusId);
  if (original === undefined) return NOT_FOUND;
  if (original.visibility === "direct") return { type: "forbidden" };
  if (original.visibility === "private" && original.account_id !== actorId)
    return { type: "forbidden" };
  const existing = await findBoostBy(ctx.db, actorId, original.id);
  if (existing !== undefined) return { type: "ok", boost: existing, federate: null };

  let visibility: Visibility;
  if (original.visibility === "private") visibility = "private";
  else if (options.visibility !== undefined && options.visibility !== "") {
    if (!isVisibility(options.visibility) || options.visibility === "direct")
      return {
        type: "invalid",
        message: "Validation failed: Visibility is not included in the list",
      };
    visibility = options.visibility;
  } else {
    const fallback = readUserSettings(await findSettingsOfAccount(ctx.db, actorId)).defaultPrivacy;
    visibility = fallback === "direct" ? "public" : fallback;
  }
  const actor = await findAccountById(ctx.db, actorId);
  if (actor === undefined) return NOT_FOUND;

  const id = ctx.newId();
  const at = ctx.clock.now().toISOString();
  // Mastodon's boosts live at the status URL + /activity: the Announce, not a Note.
  const uri = options.uri ?? `${ctx.config.baseUrl}/ap/statuses/${id}/activity`;
  const boost = await ctx.db.transaction().execute(async (trx) => {
    await insertStatus(trx, {
      id,
      uri,
      url: actor.domain === null ? uri : null,
      account_id: actorId,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      reblog_of_id: original.id,
      conversation_id: null,
      visibility,
      sensitive: false,
      language: null,
      application_id: null,
      local: actor.domain === null,
      edited_at: null,
      deleted_at: null,
      created_at: at,
      updated_at: at,
    });
    await adjustStatusCount(trx, original.id, "reblogs_count", 1);
    await enqueueNotify(ctx, trx, {
      type: "reblog",
      recipientId: original.account_id,
      fromId: actorId,
      statusId: original.id,
    });
    // Mastodon counts boosts in statuses_count (and as the latest activity).
    await adjustAccountStatuses(trx, actorId, 1, at);
    // Followers' homes get the boost after commit, like a new post.
    await enqueueJob(trx, {
      id: ctx.newId(),
      type: "status.fan-out",
      payload: { statusId: id },
      runAt: at,
      createdAt: at,
    });
    return (await findStatusById(trx, id)) as StatusRow;
  });
  return {
    type: "ok",
    boost,
    federate:
      actor.domain === null
        ? {
            activity: "Announce",
            actorId,
            boostId: id,
            statusId: original.id,
            statusAccountId: original.account_id,
            visibility,
          }
        : null,
  };
}
