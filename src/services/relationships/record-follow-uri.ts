// Our Follow activity's id, kept on the request when it is delivered (federation/outbox): the
// remote server's Accept or Reject may name the Follow by that id alone.
import type { AppContext } from "../../context.ts";
import { recordFollowUri as writeFollowUri } from "../../repos/deliveries.ts";

export async function recordFollowUri(
  ctx: AppContext,
  followerId: string,
  targetId: string,
  uri: string,
): Promise<void> {
  await writeFollowUri(ctx.db, followerId, targetId, uri);
}
