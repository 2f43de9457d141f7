// How deliveries fail: Fedify retries on its own (10 attempts, exponential backoff up to 12 h,
// through our queue) and holds a host's messages while its circuit breaker is open. We add
// what Mastodon does on top: a follower whose personal inbox answers 404/410 is gone, so its
// follows are dropped; and a server failing on 7 distinct days stops receiving anything new
// (unavailable.ts), which needs to hear of every attempt, failed or not.
import { type Federation, type FederationOptions, SendActivityError } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import { findFollowsByInbox } from "../../repos/deliveries.ts";
import { removeFromFollowers } from "../../services/relationships/remove-from-followers.ts";
import { markReachable, recordFailure } from "./unavailable.ts";

const log = () => getLogger(["hearth", "federation", "outbox"]);

/** Writes done after an attempt, awaited by tests (settleDeliveryBookkeeping). */
const pending = new Set<Promise<void>>();

function track(work: Promise<void>): void {
  const p = work.catch((error: unknown) => log().error("Delivery bookkeeping: {error}", { error }));
  pending.add(p);
  void p.finally(() => pending.delete(p));
}

export async function settleDeliveryBookkeeping(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

const noop = {
  add() {},
  record() {},
  addCallback() {},
  removeCallback() {},
};

/**
 * Fedify reports each delivery attempt (its host, success or not) only as an OpenTelemetry
 * metric; this meter provider listens to that one counter to learn of successes. Hearth does
 * not export metrics, so nothing else is lost.
 */
function deliveryWatcher(app: AppContext): FederationOptions<AppContext>["meterProvider"] {
  const meter = {
    createCounter: (name: string) =>
      name !== "activitypub.delivery.sent"
        ? noop
        : {
            add(_n: number, attributes?: Record<string, unknown>) {
              const host = attributes?.["activitypub.remote.host"];
              if (typeof host === "string" && attributes?.["activitypub.delivery.success"] === true)
                track(markReachable(app, host));
            },
          },
    createHistogram: () => noop,
    createUpDownCounter: () => noop,
    createGauge: () => noop,
    createObservableGauge: () => noop,
    createObservableCounter: () => noop,
    createObservableUpDownCounter: () => noop,
    addBatchObservableCallback() {},
    removeBatchObservableCallback() {},
  };
  return { getMeter: () => meter } as unknown as FederationOptions<AppContext>["meterProvider"];
}

/** Options for createFederation: failure bookkeeping on every attempt. */
export function outboxOptions(app: AppContext): Partial<FederationOptions<AppContext>> {
  return {
    // 404 and 410 are permanent (Fedify's default, Mastodon's "unsalvageable"): not retried.
    permanentFailureStatusCodes: [404, 410],
    meterProvider: deliveryWatcher(app),
    onOutboxError: (error) => {
      // A server that answers 4xx is up (it refuses this one thing); 5xx or silence is not.
      if (error instanceof SendActivityError) {
        if (error.statusCode >= 500) track(recordFailure(app, error.inbox.host));
        return;
      }
      // Fedify's FetchError (no answer: refused, reset, timed out) names the inbox URL.
      const url = (error as { url?: unknown }).url;
      const host =
        url instanceof URL ? url.host : typeof url === "string" ? URL.parse(url)?.host : undefined;
      if (host !== undefined) track(recordFailure(app, host));
    },
  };
}

/** A personal inbox that is gone (404/410): its remote followers no longer exist there. */
export function registerOutboxPolicy(federation: Federation<AppContext>): void {
  federation.setOutboxPermanentFailureHandler(async (fctx, { inbox, actorIds, statusCode }) => {
    const app = fctx.data;
    const pairs = await findFollowsByInbox(
      app.db,
      inbox.href,
      actorIds.map((a) => a.href),
    );
    for (const { followerId, targetId } of pairs)
      await removeFromFollowers(app, targetId, followerId);
    if (pairs.length > 0)
      log().info("Dropped {count} follows: inbox {inbox} answered {status}", {
        count: pairs.length,
        inbox: inbox.href,
        status: statusCode,
      });
  });
}
