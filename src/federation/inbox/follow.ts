// Follow of one of our accounts (→ services/relationships/follow.ts with the activity's id):
// an unlocked account accepts at once and we answer with an Accept; a locked one gets a
// follow request. A Follow that is refused (blocks, suspended or unknown target) is answered
// with a Reject so the other server does not wait forever. A repeated Follow of an account
// already followed is accepted again, as Mastodon does (the first Accept may have been lost).
import type { InboxContext } from "@fedify/fedify";
import { Accept, type Follow, Reject } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { pairExists } from "../../repos/relationships.ts";
import { follow } from "../../services/relationships/follow.ts";
import { localAccount, recipientOf, senderAccount } from "./common.ts";

async function answer(
  ctx: InboxContext<AppContext>,
  kind: "Accept" | "Reject",
  target: AccountRow,
  follower: AccountRow,
  activity: Follow,
): Promise<void> {
  const actor = ctx.getActorUri(target.id);
  const values = {
    id: new URL(`${actor.href}#${kind.toLowerCase()}s/follows/${follower.id}/${ctx.data.newId()}`),
    actor,
    object: activity,
  };
  await ctx.sendActivity(
    { identifier: target.id },
    recipientOf(follower),
    kind === "Accept" ? new Accept(values) : new Reject(values),
  );
}

export async function onFollow(ctx: InboxContext<AppContext>, activity: Follow): Promise<void> {
  if (activity.id === null) return;
  const follower = await senderAccount(ctx, activity.actorId);
  if (follower === null) return;
  const target = await localAccount(ctx, activity.objectId);
  if (target === null) return;
  const result = await follow(ctx.data, follower.id, target.id, { uri: activity.id.href });
  if (result.type !== "ok") {
    await answer(ctx, "Reject", target, follower, activity);
    return;
  }
  if (await pairExists(ctx.data.db, "follows", follower.id, target.id))
    await answer(ctx, "Accept", target, follower, activity);
}
