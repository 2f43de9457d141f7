// Announce (→ services/interactions/reblog.ts with the activity's id), Like and EmojiReact
// (→ favourite.ts; Mastodon shows a reaction as a favourite), Block (→ relationships/block.ts).
// A boosted post we do not have is fetched from its own server (origin-checked there) and
// stored first. A group's Announce of a Create (Lemmy, PeerTube) is unwrapped: the post is
// stored as its author's, not shown as a boost by the group.
import type { InboxContext } from "@fedify/fedify";
import { type Announce, type Block, Create, type EmojiReact, type Like } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { favourite } from "../../services/interactions/favourite.ts";
import { reblog } from "../../services/interactions/reblog.ts";
import { block } from "../../services/relationships/block.ts";
import { signedLoader } from "../remote-actor.ts";
import { remotePostAt } from "../remote-post.ts";
import { type Ctx, isPost, localAccount, senderAccount } from "./common.ts";
import { visibilityOf } from "./note-data.ts";

export async function onAnnounce(ctx: InboxContext<AppContext>, activity: Announce) {
  if (activity.id === null || activity.objectId === null) return;
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  const embedded = await activity.getObject({
    documentLoader: await signedLoader(ctx),
    suppressError: true,
  });
  if (embedded instanceof Create) {
    // Group redistribution: store the inner post from where it lives; no boost.
    if (embedded.objectId !== null) await remotePostAt(ctx, embedded.objectId);
    return;
  }
  // Other activities a group redistributes (Announce of a Like, a Delete…) are not boosts.
  if (embedded !== null && !isPost(embedded)) return;
  const status = await remotePostAt(ctx, activity.objectId);
  if (status === null) return;
  const visibility = visibilityOf(activity.toIds, activity.ccIds, sender.followers_url);
  await reblog(ctx.data, sender.id, status.id, {
    uri: activity.id.href,
    visibility: visibility === "direct" ? "private" : visibility,
  });
}

async function favouriteOf(ctx: Ctx, activity: Like | EmojiReact): Promise<void> {
  if (activity.id === null || activity.objectId === null) return;
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  // Only posts we have: a Like of something unknown here means nothing to our users.
  const status = await findStatusByUri(ctx.data.db, activity.objectId.href);
  if (status === undefined || status.deleted_at !== null) return;
  await favourite(ctx.data, sender.id, status.id, { uri: activity.id.href });
}

export const onLike = (ctx: InboxContext<AppContext>, activity: Like) => favouriteOf(ctx, activity);
export const onEmojiReact = (ctx: InboxContext<AppContext>, activity: EmojiReact) =>
  favouriteOf(ctx, activity);

export async function onBlock(ctx: InboxContext<AppContext>, activity: Block): Promise<void> {
  if (activity.id === null) return;
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null) return;
  const target = await localAccount(ctx, activity.objectId);
  if (target === null) return;
  await block(ctx.data, sender.id, target.id, { uri: activity.id.href });
}
