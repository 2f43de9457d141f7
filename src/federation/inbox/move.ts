// Move of the sender's own account (object = actor) to `target`: accepted only when the
// target's actor document, fetched fresh from its own server, lists the origin in
// `alsoKnownAs` (anyone can claim a move; only the target can confirm it), and the target
// is not the origin, moved already or suspended.
import type { InboxContext } from "@fedify/fedify";
import { isActor, type Move } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { moveRemoteAccount } from "../../services/federation/move-account.ts";
import { resolveRemoteAccount, signedLoader } from "../remote-actor.ts";
import { inboxLog, senderAccount } from "./common.ts";

export async function onMove(ctx: InboxContext<AppContext>, activity: Move): Promise<void> {
  const origin = await senderAccount(ctx, activity.actorId);
  if (origin === null || activity.objectId?.href !== origin.uri) return;
  const targetId = activity.targetId;
  if (targetId === null || targetId.href === origin.uri) return;
  let target: unknown;
  try {
    // By its id on its own server, never as embedded in the activity.
    target = await ctx.lookupObject(targetId, { documentLoader: await signedLoader(ctx) });
  } catch {
    return;
  }
  if (!isActor(target) || target.id?.href !== targetId.href) return;
  if (!target.aliasIds.some((a) => a.href === origin.uri)) {
    inboxLog.info("Ignored Move {id}: {target} does not list {origin} in alsoKnownAs", {
      id: activity.id?.href,
      target: targetId.href,
      origin: origin.uri,
    });
    return;
  }
  const account = await resolveRemoteAccount(ctx, targetId, { refresh: true, actor: target });
  if (account === null || account.suspended_at !== null || account.id === origin.id) return;
  if (account.moved_to_account_id !== null) return;
  await moveRemoteAccount(ctx.data, origin.id, account.id);
}
