// Delete of a post (its id, or a Tombstone carrying it) or of the sender itself. Only the
// sender's own post is deleted (services/statuses/delete-status.ts checks the author); a
// Delete of the actor removes its posts and keeps the account as suspended. The sender is
// never fetched here: a deleted actor's document answers 410.
import type { InboxContext } from "@fedify/fedify";
import type { Delete } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findAccountByUri, findStatusByUri } from "../../repos/remote-objects.ts";
import { removeRemoteAccount } from "../../services/federation/remote-account.ts";
import { deleteStatus } from "../../services/statuses/delete-status.ts";
import { sameOrigin } from "./common.ts";

export async function onDelete(ctx: InboxContext<AppContext>, activity: Delete): Promise<void> {
  const actorId = activity.actorId;
  const objectId = activity.objectId;
  if (actorId === null || objectId === null || !sameOrigin(actorId, objectId)) return;
  const sender = await findAccountByUri(ctx.data.db, actorId.href);
  if (sender === undefined || sender.domain === null) return;
  if (objectId.href === actorId.href) {
    await removeRemoteAccount(ctx.data, sender);
    return;
  }
  const status = await findStatusByUri(ctx.data.db, objectId.href);
  if (status === undefined || status.account_id !== sender.id) return;
  await deleteStatus(ctx.data, sender.id, status.id);
}
