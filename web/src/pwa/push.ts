// Web Push from the app: the service worker (/sw.js) registered at start, and notifications
// turned on when the person asks in the preferences — the browser's permission, a Push API
// subscription with the server's VAPID key (configuration.vapid.public_key), and that
// subscription given to POST /api/v1/push/subscription with the chosen alerts and policy.
import type { WebPushSubscription } from "../../../src/api/entities/web-push-subscription.ts";
import { ApiError, api } from "../api/client.ts";
import { instance } from "../session.ts";

export type { WebPushSubscription };
export type PushPolicy = "all" | "followed" | "follower" | "none";
export type PushAlerts = Partial<Record<keyof WebPushSubscription["alerts"], boolean>>;

export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Registers /sw.js once; resolves with the registration, or null where unsupported. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
}

/** The base64url VAPID key as the bytes PushManager.subscribe wants. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * The server's subscription for this session's token, or null when there is none. A browser
 * that holds no Push API subscription has none worth showing, and the server is not asked.
 */
export async function currentPushSubscription(): Promise<WebPushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  if ((await registration?.pushManager.getSubscription()) == null) return null;
  try {
    return await api.get<WebPushSubscription>("/api/v1/push/subscription");
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export class PushDenied extends Error {}

/** Asks for permission, subscribes this browser and tells the server. */
export async function enablePush(
  alerts: PushAlerts,
  policy: PushPolicy,
): Promise<WebPushSubscription> {
  const serverKey = instance.get()?.configuration.vapid.public_key ?? "";
  if (!pushSupported() || serverKey === "") throw new PushDenied("unsupported");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new PushDenied(permission);
  const registration = (await registerServiceWorker()) ?? undefined;
  if (registration === undefined) throw new PushDenied("unsupported");
  const ready = await navigator.serviceWorker.ready;
  let subscription = await ready.pushManager.getSubscription();
  // A subscription made with another key (the server's keys changed) cannot be reused.
  const currentKey = subscription?.options.applicationServerKey;
  if (subscription !== null && currentKey != null) {
    const same = new Uint8Array(currentKey).join(",") === keyBytes(serverKey).join(",");
    if (!same) {
      await subscription.unsubscribe();
      subscription = null;
    }
  }
  subscription ??= await ready.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(serverKey),
  });
  const json = subscription.toJSON();
  return api.post<WebPushSubscription>("/api/v1/push/subscription", {
    subscription: {
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
      // Browsers decrypt RFC 8291 (aes128gcm).
      standard: true,
    },
    data: { alerts, policy },
  });
}

export function updatePush(alerts: PushAlerts, policy: PushPolicy): Promise<WebPushSubscription> {
  return api.put<WebPushSubscription>("/api/v1/push/subscription", { data: { alerts, policy } });
}

/** Stops pushes to this browser: the server forgets the subscription, the browser drops it. */
export async function disablePush(): Promise<void> {
  await api.delete("/api/v1/push/subscription");
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}
