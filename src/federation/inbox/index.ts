// The inbox listeners, one per activity type (the files next to this one), on the personal
// inboxes and the shared one. Fedify has verified the signature and that the activity's actor
// owns the key before a listener runs, and records handled activity ids (idempotency, a day);
// the listeners are idempotent beyond that (everything is keyed by ActivityPub ids).
// Any other activity type is acknowledged (202) and ignored.
import type { InboxContext, InboxListenerSetters } from "@fedify/fedify";
import {
  Accept,
  Activity,
  Add,
  Announce,
  Block,
  Create,
  Delete,
  EmojiReact,
  Flag,
  Follow,
  Like,
  Move,
  QuoteRequest,
  Reject,
  Remove,
  Undo,
  Update,
} from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findAccountByUri } from "../../repos/remote-objects.ts";
import { removeRemoteAccount } from "../../services/federation/remote-account.ts";
import { signedLoader } from "../remote-actor.ts";
import { onAccept, onReject } from "./accept-reject.ts";
import { type Ctx, inboxLog, sameOrigin } from "./common.ts";
import { onCreate, onUpdate } from "./create.ts";
import { onDelete } from "./delete.ts";
import { onAdd, onRemove } from "./featured.ts";
import { onFlag } from "./flag.ts";
import { onFollow } from "./follow.ts";
import { onAnnounce, onBlock, onEmojiReact, onLike } from "./interactions.ts";
import { onMove } from "./move.ts";
import { onQuoteRequest } from "./quote-request.ts";
import { onUndo } from "./undo.ts";

type Listener<T extends Activity> = (ctx: InboxContext<AppContext>, activity: T) => Promise<void>;

/**
 * An activity's id must be on its actor's server: nobody names activities for another
 * server's actors (the signature proves the actor; this keeps ids from being spoofed too).
 */
function sameServer<T extends Activity>(listener: Listener<T>): Listener<T> {
  return async (ctx, activity) => {
    if (activity.id !== null && !sameOrigin(activity.id, activity.actorId)) {
      inboxLog.info("Ignored {type} {id}: its id is not on its actor's server", {
        type: activity.constructor.name,
        id: activity.id.href,
      });
      return;
    }
    await listener(ctx, activity);
  };
}

/** 404 or 410 when the actor's server says it is gone now, else null. */
async function goneStatus(ctx: Ctx, actorId: URL): Promise<404 | 410 | null> {
  try {
    await (await signedLoader(ctx))(actorId.href);
    return null;
  } catch (error) {
    const status = (error as { response?: Response }).response?.status;
    return status === 404 || status === 410 ? status : null;
  }
}

export function registerInbox(inbox: InboxListenerSetters<AppContext>): void {
  inbox
    .on(Follow, sameServer(onFollow))
    .on(Accept, sameServer(onAccept))
    .on(Reject, sameServer(onReject))
    .on(Undo, sameServer(onUndo))
    .on(Create, sameServer(onCreate))
    .on(Update, sameServer(onUpdate))
    .on(Delete, sameServer(onDelete))
    .on(Announce, sameServer(onAnnounce))
    .on(Like, sameServer(onLike))
    .on(EmojiReact, sameServer(onEmojiReact))
    .on(Block, sameServer(onBlock))
    .on(Add, sameServer(onAdd))
    .on(Remove, sameServer(onRemove))
    .on(QuoteRequest, sameServer(onQuoteRequest))
    .on(Move, sameServer(onMove))
    .on(Flag, sameServer(onFlag))
    // Everything else (Dislike, Story…): acknowledged.
    .on(Activity, (_ctx, activity) => {
      inboxLog.debug("Ignored {type} {id}", {
        type: activity.constructor.name,
        id: activity.id?.href,
      });
    })
    // A Delete of an actor whose key is gone cannot be verified; answering 401 would make
    // its server retry for days. When the actor's own server answers 404 or 410 for it now
    // (a fresh signed fetch, never the unverified request), the Delete is accepted; a 410 for
    // an account we know removes it, as Mastodon does with actors that are gone.
    .onUnverifiedActivity(async (ctx, activity) => {
      if (
        !(activity instanceof Delete) ||
        activity.actorId === null ||
        activity.objectId?.href !== activity.actorId.href
      )
        return;
      const status = await goneStatus(ctx, activity.actorId);
      if (status === null) return;
      if (status === 410) {
        const account = await findAccountByUri(ctx.data.db, activity.actorId.href);
        if (account !== undefined && account.domain !== null)
          await removeRemoteAccount(ctx.data, account);
      }
      return new Response(null, { status: 202 });
    })
    .onError((_ctx, error) => {
      inboxLog.error("Inbox listener failed: {error}", { error });
    });
}
