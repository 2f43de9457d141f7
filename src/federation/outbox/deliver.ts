// The `federation.deliver` job: turns a service's `federate` value into an ActivityStreams
// activity (built now, from the database as it is) and hands it to Fedify, which signs it and
// queues one delivery per inbox (shared inboxes preferred) on the "fedify" lane, retrying
// failures with backoff. Effects with no remote recipient send nothing.
import { importJwk } from "@fedify/fedify";
import { Delete, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import type { JobPayloads } from "../../domain/jobs.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { getActorKeys } from "../../services/federation/actor-keys.ts";
import type { Delivery } from "../../services/federation/enqueue-delivery.ts";
import {
  featuredTagActivity,
  interactionActivity,
  profileUpdate,
  relationshipActivity,
  voteActivities,
} from "./account-activities.ts";
import { sendWithFollowersSync } from "./followers-sync.ts";
import { fedifyContext } from "./instance.ts";
import { quoteActivity } from "./quote-activities.ts";
import { toRecipient } from "./recipients.ts";
import { flagActivity, moveActivity } from "./report-activities.ts";
import { boostActivity, type Outgoing, postUpdate, statusActivity } from "./status-activities.ts";
import { deliverableRecipients } from "./unavailable.ts";

type Fctx = ReturnType<typeof fedifyContext>;

async function build(app: AppContext, fctx: Fctx, d: Delivery): Promise<Outgoing[]> {
  const one = (o: Outgoing | null) => (o === null ? [] : [o]);
  switch (d.kind) {
    case "status":
      return one(await statusActivity(app, fctx, d.actorId, d.effect));
    case "boost":
      return one(await boostActivity(app, fctx, d.actorId, d.effect));
    case "relationship":
      return one(await relationshipActivity(app, fctx, d.actorId, d.effect, d.nonce));
    case "interaction":
      return one(await interactionActivity(app, fctx, d.actorId, d.effect, d.nonce));
    case "featured-tag":
      return one(await featuredTagActivity(app, fctx, d.actorId, d.effect, d.nonce));
    case "quote":
      return one(await quoteActivity(app, fctx, d.actorId, d.effect, d.nonce));
    case "poll":
      return d.effect.activity === "Vote"
        ? voteActivities(app, fctx, d.actorId, d.effect)
        : one(await postUpdate(app, fctx, d.effect.statusId, d.nonce));
    case "account":
      if (d.effect.activity === "Move")
        return one(await moveActivity(app, fctx, d.actorId, d.effect.targetId, d.nonce));
      return d.effect.activity === "Update"
        ? one(await profileUpdate(app, fctx, d.actorId, d.nonce))
        : [];
    case "report":
      return one(await flagActivity(app, fctx, d.effect));
  }
}

/**
 * Delete(actor) of a deleted account: its key dispatcher no longer signs for it (the actor is
 * gone), so its stored RSA key signs directly, to the audience read before the delete.
 */
async function deleteActor(
  app: AppContext,
  fctx: Fctx,
  d: Delivery & { kind: "account"; effect: { activity: "Delete" } },
) {
  const actor = fctx.getActorUri(d.actorId);
  const keys = await getActorKeys(app, d.actorId);
  const rsa = keys.find((k) => k.type === "rsa");
  if (rsa === undefined) return;
  const recipients = await deliverableRecipients(app, d.effect.recipients.map(toRecipient));
  if (recipients.length === 0) return;
  await fctx.sendActivity(
    {
      keyId: new URL(`${actor.href}#main-key`),
      privateKey: await importJwk(rsa.privateKey, "private"),
    },
    recipients,
    new Delete({
      id: new URL(`${actor.href}#delete`),
      actor,
      object: actor,
      to: PUBLIC_COLLECTION,
    }),
    { preferSharedInbox: true, excludeBaseUris: [new URL(app.config.baseUrl)] },
  );
}

export async function deliver(
  app: AppContext,
  payload: JobPayloads["federation.deliver"],
): Promise<void> {
  const d = payload as unknown as Delivery;
  // Only our own accounts act here: the inbox calls the same services for remote actors, and
  // some of them (favourites) name an activity all the same — their server sent it already.
  const actor = await findAccountById(app.db, d.actorId);
  if (actor === undefined || actor.domain !== null) return;
  const fctx = fedifyContext(app);
  if (d.kind === "account" && d.effect.activity === "Delete")
    return deleteActor(app, fctx, { ...d, effect: d.effect });
  for (const { activity, recipients, syncFollowers } of await build(app, fctx, d)) {
    const reachable = await deliverableRecipients(app, recipients);
    if (reachable.length === 0) continue;
    // The activity's own actor signs (a poll's Update is the author's, not the voter's).
    const parsed = activity.actorId === null ? null : fctx.parseUri(activity.actorId);
    if (parsed?.type !== "actor") continue;
    if (syncFollowers === true) {
      await sendWithFollowersSync(app, fctx, parsed.identifier, activity, reachable);
      continue;
    }
    await fctx.sendActivity({ identifier: parsed.identifier }, reachable, activity, {
      preferSharedInbox: true,
      // Our own accounts are never recipients; this also keeps a misfiled row from looping.
      excludeBaseUris: [new URL(app.config.baseUrl)],
    });
  }
}
