// The push.deliver job (Mastodon's Web::PushNotificationWorker): one notification, encrypted
// for one subscription and POSTed to its push service through lib/safe-fetch.ts. The alert
// and policy are checked again, as they may have changed since the job was written. A 4xx
// answer other than 408 or 429 means the subscription is dead (404 and 410 above all): it is
// deleted. Other failures throw, so the job is retried.
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import { isPushable, pushBody, pushTitle } from "../../domain/push.ts";
import { SafeFetchError, type SafeFetchOptions, safeFetch } from "../../lib/safe-fetch.ts";
import { openSecret } from "../../lib/secret-box.ts";
import { buildPushRequest, type VapidKeys } from "../../lib/web-push.ts";
import { findNotification } from "../../repos/notifications.ts";
import { findAccountById } from "../../repos/profiles.ts";
import {
  deletePushSubscription,
  findPushSubscriptionForDelivery,
} from "../../repos/push-subscriptions.ts";
import { pairExists } from "../../repos/relationships.ts";
import { findStatusById } from "../../repos/statuses.ts";
import { PUSH_TOKEN_PURPOSE } from "./create-subscription.ts";

const logger = getLogger(["hearth", "push"]);

/** Mastodon's default avatar, for a sender without one (assets/routes.ts serves it). */
const MISSING_AVATAR_PATH = "/avatars/original/missing.png";

export type PushOutcome = "sent" | "removed" | "skipped";

/** Who signs our pushes (RFC 8292 `sub`): the server's https URL, else a mailto: address. */
function vapidOf(ctx: AppContext): VapidKeys | undefined {
  const { vapidPublicKey, vapidPrivateKey } = ctx.secrets;
  if (vapidPublicKey === undefined || vapidPrivateKey === undefined) return undefined;
  const base = new URL(ctx.config.baseUrl);
  const subject = base.protocol === "https:" ? base.origin : `mailto:postmaster@${base.hostname}`;
  return { subject, publicKey: vapidPublicKey, privateKey: vapidPrivateKey };
}

/** The JSON the browser's service worker (and Mastodon's apps) read. */
async function payloadOf(
  ctx: AppContext,
  notification: { id: string; type: string; from_account_id: string; status_id: string | null },
  subscription: { access_token_box: string; locale: string | null },
): Promise<string | undefined> {
  const sender = await findAccountById(ctx.db, notification.from_account_id);
  if (sender === undefined) return undefined;
  const status =
    notification.status_id === null ? null : await findStatusById(ctx.db, notification.status_id);
  // The post it was about is gone: nothing to tell (Mastodon checks the activity likewise).
  if (status === undefined || (status !== null && status.deleted_at !== null)) return undefined;
  const avatarKey = sender.avatar_static_key ?? sender.avatar_key;
  const icon =
    avatarKey !== null
      ? ctx.storage.url(avatarKey)
      : (sender.avatar_remote_url ?? `${ctx.config.baseUrl}${MISSING_AVATAR_PATH}`);
  return JSON.stringify({
    access_token:
      openSecret(ctx.secrets.secretKeyBase, PUSH_TOKEN_PURPOSE, subscription.access_token_box) ??
      "",
    preferred_locale: subscription.locale ?? "en",
    // A number, as Mastodon sends it (notification ids are a small sequence).
    notification_id: Number(notification.id),
    notification_type: notification.type,
    icon,
    title: pushTitle(notification.type, sender.display_name, sender.username),
    body: pushBody({
      spoilerText: status?.spoiler_text ?? null,
      text: status === null ? null : status.text || status.content,
      note: sender.note,
    }),
  });
}

export async function deliverPush(
  ctx: AppContext,
  job: { subscriptionId: string; notificationId: string },
  options: SafeFetchOptions = {},
): Promise<PushOutcome> {
  const subscription = await findPushSubscriptionForDelivery(ctx.db, job.subscriptionId);
  if (subscription === undefined) return "skipped";
  if (subscription.token_revoked_at !== null) {
    await deletePushSubscription(ctx.db, subscription.id);
    return "removed";
  }
  const notification = await findNotification(
    ctx.db,
    String(subscription.account_id),
    job.notificationId,
  );
  if (notification === undefined || notification.filtered) return "skipped";
  const recipient = String(subscription.account_id);
  const sender = notification.from_account_id;
  const relation = {
    recipientFollows: await pairExists(ctx.db, "follows", recipient, sender),
    senderFollows: await pairExists(ctx.db, "follows", sender, recipient),
  };
  if (!isPushable(subscription, notification.type, relation)) return "skipped";
  const vapid = vapidOf(ctx);
  const payload = await payloadOf(ctx, notification, subscription);
  if (vapid === undefined || payload === undefined) return "skipped";

  const request = buildPushRequest(
    {
      endpoint: subscription.endpoint,
      p256dh: subscription.key_p256dh,
      auth: subscription.key_auth,
      standard: subscription.standard,
    },
    payload,
    vapid,
  );
  let status: number;
  try {
    const res = await safeFetch(subscription.endpoint, {
      ...options,
      method: "POST",
      body: request.body,
      headers: request.headers,
      maxBytes: 64 * 1024,
      // Tests and local development push to a loopback endpoint, as they federate.
      ...(ctx.config.allowPrivateFederation ? { allowedPrivate: ["0.0.0.0/0", "::/0"] } : {}),
    });
    status = res.status;
  } catch (error) {
    // An endpoint we may never reach is as dead as a 410.
    if (
      error instanceof SafeFetchError &&
      (error.code === "private-address" || error.code === "bad-url")
    ) {
      logger.info("Push endpoint refused ({code}); subscription removed", { code: error.code });
      await deletePushSubscription(ctx.db, subscription.id);
      return "removed";
    }
    throw error;
  }
  if (status >= 200 && status < 300) return "sent";
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    await deletePushSubscription(ctx.db, subscription.id);
    return "removed";
  }
  throw new Error(`the push service answered ${status}`);
}
