// Undo of a Follow, Like, Announce or Block the sender made earlier. The undone activity is
// found by its id (the uri we stored with the follow, favourite, boost or block) or, when
// embedded without a known id, by what it names; either way it must be the sender's own.
// Undoing what we never stored changes nothing.
import type { InboxContext } from "@fedify/fedify";
import { Activity, Announce, Block, Follow, Like, type Undo } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findBoostBy } from "../../repos/boosts.ts";
import {
  findBlockByUri,
  findFavouriteByUri,
  findFollowByUri,
  findStatusByUri,
} from "../../repos/remote-objects.ts";
import { unfavourite } from "../../services/interactions/unfavourite.ts";
import { unblock } from "../../services/relationships/unblock.ts";
import { unfollow } from "../../services/relationships/unfollow.ts";
import { deleteStatus } from "../../services/statuses/delete-status.ts";
import { localAccount, senderAccount } from "./common.ts";

const noFetch = async (url: string): Promise<never> => {
  throw new Error(`not fetching ${url}`);
};

async function byId(ctx: InboxContext<AppContext>, sender: AccountRow, uri: string) {
  const db = ctx.data.db;
  const follow = await findFollowByUri(db, uri);
  if (follow !== null) {
    if (follow.accountId === sender.id) await unfollow(ctx.data, sender.id, follow.targetId);
    return true;
  }
  const favourite = await findFavouriteByUri(db, uri);
  if (favourite !== undefined) {
    if (favourite.accountId === sender.id)
      await unfavourite(ctx.data, sender.id, favourite.statusId);
    return true;
  }
  const boost = await findStatusByUri(db, uri);
  if (boost !== undefined) {
    if (boost.account_id === sender.id && boost.reblog_of_id !== null)
      await deleteStatus(ctx.data, sender.id, boost.id);
    return true;
  }
  const block = await findBlockByUri(db, uri);
  if (block !== undefined) {
    if (block.accountId === sender.id) await unblock(ctx.data, sender.id, block.targetId);
    return true;
  }
  return false;
}

export async function onUndo(ctx: InboxContext<AppContext>, activity: Undo): Promise<void> {
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  if (activity.objectId !== null && (await byId(ctx, sender, activity.objectId.href))) return;
  // Not known by id: read the embedded activity (never fetched: it would be the sender's).
  const object = await activity.getObject({ suppressError: true, documentLoader: noFetch });
  if (!(object instanceof Activity) || object.actorId?.href !== sender.uri) return;
  if (object instanceof Follow) {
    const target = await localAccount(ctx, object.objectId);
    if (target !== null) await unfollow(ctx.data, sender.id, target.id);
  } else if (object instanceof Block) {
    const target = await localAccount(ctx, object.objectId);
    if (target !== null) await unblock(ctx.data, sender.id, target.id);
  } else if (object instanceof Like) {
    const status = await findStatusByUri(ctx.data.db, object.objectId?.href ?? "");
    if (status !== undefined) await unfavourite(ctx.data, sender.id, status.id);
  } else if (object instanceof Announce) {
    const status = await findStatusByUri(ctx.data.db, object.objectId?.href ?? "");
    const boost =
      status === undefined ? undefined : await findBoostBy(ctx.data.db, sender.id, status.id);
    if (boost !== undefined) await deleteStatus(ctx.data, sender.id, boost.id);
  }
}
