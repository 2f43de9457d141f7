// A shown notification goes to the recipient's Web Push subscriptions whose alert for its
// type is on and whose policy lets its sender through (Mastodon's NotifyService#push_notification!):
// one `push.deliver` job per subscription, written in the notification's transaction.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { isPushable, type PushRelation } from "../../domain/push.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import type { NotificationRow } from "../../repos/notifications.ts";
import { findLivePushSubscriptionsOfAccount } from "../../repos/push-subscriptions.ts";

export async function enqueuePushes(
  ctx: AppContext,
  db: Db,
  notification: NotificationRow,
  relation: PushRelation,
): Promise<void> {
  const subscriptions = await findLivePushSubscriptionsOfAccount(db, notification.account_id);
  const at = ctx.clock.now().toISOString();
  for (const subscription of subscriptions) {
    if (!isPushable(subscription, notification.type, relation)) continue;
    await enqueueJob(db, {
      id: ctx.newId(),
      type: "push.deliver",
      payload: { subscriptionId: String(subscription.id), notificationId: notification.id },
      runAt: at,
      createdAt: at,
    });
  }
}
