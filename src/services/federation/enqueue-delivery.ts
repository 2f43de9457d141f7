// The one way a local action asks for delivery: a `federation.deliver` job whose payload is the
// service's `federate` value, tagged with its kind (several services name an "Add" or an
// "Update", meaning different things) and the local account that acts. The job builds the
// activity when it runs (src/federation/outbox/deliver.ts) and hands it to Fedify's queue.
//
// Called at the API edge after the service answered (and by jobs that publish or close), so a
// slow or failing peer never slows or fails the local action: the job retries on its own.
import type { AppContext } from "../../context.ts";
import type { DeliveryKind } from "../../domain/jobs.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import type { InteractionFederationEffect } from "../interactions/common.ts";
import type { BoostFederationEffect } from "../interactions/reblog.ts";
import type { PollFederationEffect } from "../polls/common.ts";
import type { QuoteFederationEffect } from "../quotes/common.ts";
import type { FederationEffect } from "../relationships/common.ts";
import type { ReportFederationEffect } from "../reports/file-report.ts";
import type { StatusFederationEffect } from "../statuses/common.ts";
import type { FeaturedTagFederationEffect } from "../tags/featured-common.ts";

/** A remote actor reached by a Delete of a whole local account (read before the delete). */
export interface DeliveryRecipient {
  uri: string;
  inbox: string | null;
  sharedInbox: string | null;
}

/**
 * Update(Person) of a changed profile, or Delete(actor): the account is gone by the time that
 * job runs, so its audience travels along.
 */
export type AccountFederationEffect =
  | { activity: "Update" }
  | { activity: "Delete"; recipients: DeliveryRecipient[] }
  /** The account moved to `targetId` (services/moves/move-account.ts): Move to followers. */
  | { activity: "Move"; targetId: string };

export interface DeliveryEffects {
  status: StatusFederationEffect;
  relationship: FederationEffect;
  interaction: InteractionFederationEffect;
  boost: BoostFederationEffect;
  poll: PollFederationEffect;
  quote: QuoteFederationEffect;
  "featured-tag": FeaturedTagFederationEffect;
  account: AccountFederationEffect;
  /** A forwarded report: Flag from the instance actor. */
  report: ReportFederationEffect;
}

/** What a `federation.deliver` job carries (domain/jobs.ts keeps it loose). */
export type Delivery = {
  [K in DeliveryKind]: { kind: K; actorId: string; effect: DeliveryEffects[K]; nonce: string };
}[DeliveryKind];

/**
 * Enqueues the delivery of `effect` (null or an empty list: nothing to do). `actorId` is the
 * local account the activity comes from — the acting user, or, for the Accept of a remote
 * follow, the local account followed.
 */
export async function enqueueDelivery<K extends DeliveryKind>(
  ctx: AppContext,
  kind: K,
  actorId: string,
  effect: DeliveryEffects[K] | readonly DeliveryEffects[K][] | null | undefined,
): Promise<void> {
  if (effect === null || effect === undefined) return;
  const effects = (Array.isArray(effect) ? effect : [effect]) as DeliveryEffects[K][];
  const at = ctx.clock.now().toISOString();
  for (const one of effects) {
    const id = ctx.newId();
    const profile = kind === "account" && (one as AccountFederationEffect).activity === "Update";
    await enqueueJob(ctx.db, {
      id,
      type: "federation.deliver",
      // Profile edits in a row make one Update (it describes the profile as it is then).
      ...(profile ? { key: `federation.update-actor:${actorId}` } : {}),
      // The job id doubles as a nonce for activity ids that must differ on each attempt
      // at the same thing (follow, unfollow, follow again).
      payload: { kind, actorId, effect: one as unknown as Record<string, unknown>, nonce: id },
      runAt: at,
      createdAt: at,
    });
  }
}
