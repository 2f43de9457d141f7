// Servers that keep failing (Mastodon's DeliveryFailureTracker): a delivery failure (5xx or no
// answer) records the day, UTC, by the context clock, in Fedify's key–value store on our
// database; after failures on 7 distinct days the domain is unavailable and new deliveries
// to it are skipped, until one succeeds (a retry already queued) or the inbox hears from it
// (`markReachable`). Fedify's own per-host circuit breaker handles the short outages.
import { isIP } from "node:net";
import type { KvKey } from "@fedify/fedify";
import type { Recipient } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { isPublicAddress } from "../../lib/safe-fetch.ts";
import { policiesFor } from "../../services/instance-domain-blocks/policy.ts";
import { DatabaseKvStore } from "../kv-store.ts";

export const UNAVAILABLE_AFTER_DAYS = 7;

const failuresKey = (host: string): KvKey => ["hearth", "delivery-failures", host.toLowerCase()];

async function failureDays(app: AppContext, host: string): Promise<string[]> {
  return (await new DatabaseKvStore(app).get<string[]>(failuresKey(host))) ?? [];
}

/** A failed delivery attempt to `host` today. */
export async function recordFailure(app: AppContext, host: string): Promise<void> {
  const kv = new DatabaseKvStore(app);
  const day = app.clock.now().toISOString().slice(0, 10);
  const days = await failureDays(app, host);
  if (days.includes(day)) return;
  // The last days are enough to decide; the list never grows beyond them.
  await kv.set(failuresKey(host), [...days, day].slice(-UNAVAILABLE_AFTER_DAYS));
}

/** A delivery to `host` succeeded, or it sent us something: it is reachable again. */
export async function markReachable(app: AppContext, host: string): Promise<void> {
  await new DatabaseKvStore(app).delete(failuresKey(host));
}

export async function isUnavailable(app: AppContext, host: string): Promise<boolean> {
  return (await failureDays(app, host)).length >= UNAVAILABLE_AFTER_DAYS;
}

function inboxUrl(r: Recipient): URL | null {
  return r.endpoints?.sharedInbox ?? r.inboxId ?? null;
}

function inboxHost(r: Recipient): string | null {
  return inboxUrl(r)?.host ?? null;
}

/**
 * An inbox on a loopback or private address literal (or localhost) is refused unless
 * HEARTH_ALLOW_PRIVATE_FEDERATION is set: a remote actor must not aim our signed POSTs at our
 * own network. (Names are not resolved here; Fedify posts with the platform's fetch.)
 */
function privateInbox(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
}

/**
 * The recipients we may deliver to: http(s) inboxes, public unless private federation is
 * allowed, on servers not marked unavailable (one read per distinct host) that the policy
 * lets us federate with.
 */
export async function deliverableRecipients(
  app: AppContext,
  recipients: readonly Recipient[],
): Promise<Recipient[]> {
  const allowed = recipients.filter((r) => {
    const url = inboxUrl(r);
    if (url === null || (url.protocol !== "https:" && url.protocol !== "http:")) return false;
    return app.config.allowPrivateFederation || !privateInbox(url);
  });
  const hosts = [...new Set(allowed.flatMap((r) => inboxHost(r) ?? []))];
  const down = new Set<string>();
  for (const host of hosts) if (await isUnavailable(app, host)) down.add(host);
  // The federation policy: nothing goes to suspended hosts, or to unlisted ones in
  // allow-list mode (services/instance-domain-blocks/policy.ts).
  for (const [host, policy] of await policiesFor(app, hosts)) if (!policy.federates) down.add(host);
  return allowed.filter((r) => {
    const host = inboxHost(r);
    return host !== null && !down.has(host);
  });
}
