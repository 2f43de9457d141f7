// WebPushSubscription — https://docs.joinmastodon.org/entities/WebPushSubscription/
// Every alert key is present (false when off): the spec requires them and clients read them.
import { normalizeAlerts, type PushAlerts } from "../../domain/push.ts";
import type { PushSubscriptionRow } from "../../repos/push-subscriptions.ts";

export interface WebPushSubscription {
  id: string;
  endpoint: string;
  standard: boolean;
  alerts: PushAlerts;
  policy: string;
  /** Our VAPID public key (base64url), the one the browser subscribed with. */
  server_key: string;
}

export function toWebPushSubscription(
  row: PushSubscriptionRow,
  serverKey: string,
): WebPushSubscription {
  return {
    id: String(row.id),
    endpoint: row.endpoint,
    standard: row.standard,
    alerts: normalizeAlerts(row.alerts),
    policy: row.policy,
    server_key: serverKey,
  };
}
