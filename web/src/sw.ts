// The service worker, built on its own to /sw.js (scope /): it shows Web Push messages and,
// when one is clicked, opens the app at what it is about (the post, or the person). It imports
// nothing, so the build keeps it one small classic script, and it keeps no cache: the app
// always comes fresh from the server.
//
// The server's payload (Mastodon's): { access_token, preferred_locale, notification_id,
// notification_type, icon, title, body }. The token lets the worker fetch the notification to
// learn where a click should lead.

interface PushPayload {
  access_token?: string;
  notification_id?: number | string;
  notification_type?: string;
  icon?: string;
  title?: string;
  body?: string;
}

interface NotificationTarget {
  type?: string;
  account?: { acct?: string };
  status?: { id?: string; account?: { acct?: string } } | null;
}

// The worker's own globals, declared here: the app's TypeScript setup has the DOM library,
// not the WebWorker one, and the two cannot be mixed.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown; text(): string } | null;
}
interface NotificationClickEvent extends ExtendableEvent {
  notification: Notification;
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  location: Location;
  clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, listener: (event: never) => void): void;
}

const worker = self as unknown as WorkerScope;

worker.addEventListener("install", (event: ExtendableEvent) => {
  event.waitUntil(worker.skipWaiting());
});

worker.addEventListener("activate", (event: ExtendableEvent) => {
  event.waitUntil(worker.clients.claim());
});

function parse(event: PushEvent): PushPayload {
  try {
    return (event.data?.json() ?? {}) as PushPayload;
  } catch {
    return { body: event.data?.text() ?? "" };
  }
}

/** Where a click on this notification leads: the post, the person, or the notifications. */
async function targetOf(payload: PushPayload): Promise<string> {
  const fallback = "/notifications";
  if (payload.notification_id === undefined || !payload.access_token) return fallback;
  try {
    const response = await fetch(`/api/v1/notifications/${payload.notification_id}`, {
      headers: { Authorization: `Bearer ${payload.access_token}`, Accept: "application/json" },
      credentials: "omit",
    });
    if (!response.ok) return fallback;
    const notification = (await response.json()) as NotificationTarget;
    const status = notification.status;
    if (status?.id && status.account?.acct) return `/@${status.account.acct}/${status.id}`;
    if (notification.type === "follow_request") return "/follow_requests";
    if (notification.account?.acct) return `/@${notification.account.acct}`;
  } catch {
    // Offline or signed out: the notifications screen is the next best place.
  }
  return fallback;
}

worker.addEventListener("push", (event: PushEvent) => {
  const payload = parse(event);
  const show = targetOf(payload).then((url) =>
    worker.registration.showNotification(payload.title ?? "Hearth", {
      body: payload.body ?? "",
      icon: payload.icon,
      // One notification per id: a retried push replaces rather than repeats.
      tag: payload.notification_id === undefined ? undefined : `hearth-${payload.notification_id}`,
      data: { url },
    }),
  );
  event.waitUntil(show);
});

worker.addEventListener("notificationclick", (event: NotificationClickEvent) => {
  event.notification.close();
  const path = (event.notification.data as { url?: string } | null)?.url ?? "/notifications";
  const url = new URL(path, worker.location.origin).href;
  event.waitUntil(
    worker.clients.matchAll({ type: "window", includeUncontrolled: true }).then(async (open) => {
      // An open window of the app is reused (navigated and focused) rather than a new one.
      const client = open.find((c) => new URL(c.url).origin === worker.location.origin);
      if (client !== undefined) {
        const navigated = await client.navigate(url).catch(() => null);
        await (navigated ?? client).focus();
        return;
      }
      await worker.clients.openWindow(url);
    }),
  );
});
