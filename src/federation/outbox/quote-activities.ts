// FEP-044f quote activities: a QuoteRequest asks a remote author's server to approve our
// quote (the quoting Note as instrument); a revoke by our author deletes the
// QuoteAuthorization it had stamped; a changed quote policy re-sends the post as an Update.
import type { Context } from "@fedify/fedify";
import { Delete, QuoteRequest } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findQuotesOfStatuses } from "../../repos/quotes.ts";
import { findStatusById } from "../../repos/statuses.ts";
import type { QuoteFederationEffect } from "../../services/quotes/common.ts";
import { accountsAmong } from "./recipients.ts";
import { noteOrQuestion, type Outgoing, postUpdate } from "./status-activities.ts";

export async function quoteActivity(
  app: AppContext,
  fctx: Context<AppContext>,
  actorId: string,
  effect: QuoteFederationEffect,
  nonce: string,
): Promise<Outgoing | null> {
  if (effect.activity === "Update") return postUpdate(app, fctx, effect.statusId, nonce);
  const [quote] = await findQuotesOfStatuses(app.db, [effect.statusId]);
  if (quote === undefined || effect.counterpartAccountId === null) return null;
  const counterpart = await findAccountById(app.db, effect.counterpartAccountId);
  if (counterpart === undefined || counterpart.domain === null) return null;
  const recipients = await accountsAmong(app, [counterpart.id]);
  const actor = fctx.getActorUri(actorId);
  const to = new URL(counterpart.uri);
  if (effect.activity === "QuoteRequest") {
    const [quoting, quoted] = await Promise.all([
      findStatusById(app.db, effect.statusId),
      quote.quoted_status_id === null ? undefined : findStatusById(app.db, quote.quoted_status_id),
    ]);
    if (quoting === undefined || quoted === undefined || quoting.account_id !== actorId)
      return null;
    const activity = new QuoteRequest({
      id: new URL(quote.activity_uri ?? `${quoting.uri}#quote-request/${nonce}`),
      actor,
      object: new URL(quoted.uri),
      instrument: await noteOrQuestion(app, fctx, quoting),
      to,
    });
    return { activity, recipients };
  }
  // Delete QuoteAuthorization: only a stamp we issued (and recorded) can be withdrawn.
  if (quote.approval_uri === null || !quote.approval_uri.startsWith(app.config.baseUrl))
    return null;
  const activity = new Delete({
    id: new URL(`${quote.approval_uri}#delete`),
    actor,
    object: new URL(quote.approval_uri),
    to,
  });
  return { activity, recipients };
}
