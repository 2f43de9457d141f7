// PUT /api/v1/push/subscription: only `data` changes, and wholly (Mastodon replaces it, so
// alerts left out are turned off); the endpoint and keys need a new subscription.
import type { AppContext } from "../../context.ts";
import { normalizeAlerts, type PushPolicy } from "../../domain/push.ts";
import { notFound } from "../../lib/errors.ts";
import {
  findPushSubscriptionOfToken,
  type PushSubscriptionRow,
  updatePushSubscriptionData,
} from "../../repos/push-subscriptions.ts";

export async function updatePushSubscription(
  ctx: AppContext,
  tokenId: string,
  data: { alerts: Record<string, boolean>; policy: PushPolicy },
): Promise<PushSubscriptionRow> {
  const row = await findPushSubscriptionOfToken(ctx.db, tokenId);
  if (row === undefined) throw notFound();
  const alerts = normalizeAlerts(data.alerts);
  const at = ctx.clock.now().toISOString();
  await updatePushSubscriptionData(ctx.db, row.id, { alerts, policy: data.policy, at });
  return { ...row, alerts, policy: data.policy, updated_at: at };
}
