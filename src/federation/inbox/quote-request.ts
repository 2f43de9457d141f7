// QuoteRequest (FEP-044f) for one of our posts: `object` is our post, `instrument` the
// quoting post, which must be the sender's own, on its server (stored like a Create of it).
// Our policy answers (services/federation/approve-quote-request.ts): an Accept whose `result`
// is our stamp, a Reject, or nothing yet (manual review).
import type { InboxContext } from "@fedify/fedify";
import { Accept, type QuoteRequest, Reject } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import { answerQuoteRequest } from "../../services/federation/approve-quote-request.ts";
import { receiveStatus } from "../../services/federation/receive-status.ts";
import { stampUri } from "../quote-stamps.ts";
import { signedLoader } from "../remote-actor.ts";
import { isPost, recipientOf, sameOrigin, senderAccount } from "./common.ts";
import { noteData } from "./note-data.ts";
import { quoteTargetOf } from "./quotes.ts";
import { rawObjectOf } from "./raw-media.ts";

export async function onQuoteRequest(
  ctx: InboxContext<AppContext>,
  activity: QuoteRequest,
): Promise<void> {
  if (activity.id === null) return;
  const sender = await senderAccount(ctx, activity.actorId);
  if (sender === null || activity.objectId === null) return;
  const quoted = await findStatusByUri(ctx.data.db, activity.objectId.href);
  if (quoted === undefined || !quoted.local) return;
  if (!sameOrigin(activity.instrumentId, new URL(sender.uri))) return;
  const instrument = await activity.getInstrument({
    documentLoader: await signedLoader(ctx),
    suppressError: true,
  });
  if (!isPost(instrument) || !sameOrigin(instrument.id, new URL(sender.uri))) return;
  const authors = instrument.attributionIds;
  if (authors.length > 0 && !authors.some((a) => a.href === sender.uri)) return;
  // The quoting post must quote the post the request is about.
  const target = quoteTargetOf(instrument, rawObjectOf(instrument));
  if (target !== null && target.href !== quoted.uri) return;
  const quoting = (await receiveStatus(ctx.data, await noteData(ctx, instrument, sender, activity)))
    .status;
  if (quoting.account_id !== sender.id) return;
  const answer = await answerQuoteRequest(ctx.data, quoting, quoted, (id) =>
    stampUri(ctx.data.config.baseUrl, id),
  );
  if (answer.type === "pending") return;
  const actor = ctx.getActorUri(String(quoted.account_id));
  const values = {
    id: new URL(`${actor.href}#quote-requests/${answer.type}/${ctx.data.newId()}`),
    actor,
    object: activity,
    to: new URL(sender.uri),
  };
  await ctx.sendActivity(
    { identifier: String(quoted.account_id) },
    recipientOf(sender),
    answer.type === "accept"
      ? new Accept({ ...values, result: new URL(answer.approvalUri) })
      : new Reject(values),
  );
}
