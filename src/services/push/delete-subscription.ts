// DELETE /api/v1/push/subscription: the token's subscription goes; none is not an error.
import type { AppContext } from "../../context.ts";
import { deletePushSubscriptionsOfToken } from "../../repos/push-subscriptions.ts";

export async function deletePushSubscription(ctx: AppContext, tokenId: string): Promise<void> {
  await deletePushSubscriptionsOfToken(ctx.db, tokenId);
}
