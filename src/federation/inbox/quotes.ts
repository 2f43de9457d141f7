// Quotes (FEP-044f) on the inbox side. A remote post names what it quotes by `quote` (FEP-044f,
// Mastodon 4.5), `quoteUrl`, `quoteUri` (Fedibird) or `_misskey_quote`. Its state:
// - quoting its own author's post: accepted;
// - quoting one of our posts: our quote policy decides (automatic → accepted, manual or
//   unknown → pending, denied → rejected), as for a local quote;
// - quoting another server's post: accepted only with a `quoteAuthorization` stamp fetched
//   from the quoted author's server that names this quote and that post; else pending.
// Accept/Reject of one of our QuoteRequests (ids `<quoting post>#quote-request/…`) from the
// quoted author settles our pending quote; the Accept's `result` is the stamp, on its server.
import {
  type Accept,
  type Object as APObject,
  QuoteAuthorization,
  type Reject,
} from "@fedify/vocab";
import { quoteEntitlement } from "../../domain/quote-policy.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { findFollowsBothWays } from "../../repos/quotes.ts";
import { findStatusByUri } from "../../repos/remote-objects.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import {
  answerOurQuoteRequest,
  receiveRemoteQuote,
} from "../../services/federation/receive-quote.ts";
import { signedLoader } from "../remote-actor.ts";
import { remotePostAt } from "../remote-post.ts";
import { type Ctx, inboxLog, sameOrigin } from "./common.ts";

function httpUrl(value: unknown): URL | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

/** The post a remote object quotes, by whichever property its software uses. */
export function quoteTargetOf(object: APObject, raw: Record<string, unknown> | null): URL | null {
  const note = object as APObject & { quoteId?: URL | null; quoteUrl?: URL | null };
  return (
    note.quoteId ??
    note.quoteUrl ??
    httpUrl(raw?.quote) ??
    httpUrl(raw?.quoteUrl) ??
    httpUrl(raw?.quoteUri) ??
    httpUrl(raw?._misskey_quote)
  );
}

/** A stamp from the quoted author's server approving exactly this quote of exactly that post. */
async function verifiedStamp(
  ctx: Ctx,
  stampId: URL | null,
  quoting: StatusRow,
  quoted: StatusRow,
  quotedAuthor: AccountRow,
): Promise<string | null> {
  if (stampId === null || !sameOrigin(stampId, new URL(quotedAuthor.uri))) return null;
  try {
    const stamp = await ctx.lookupObject(stampId, { documentLoader: await signedLoader(ctx) });
    if (!(stamp instanceof QuoteAuthorization) || stamp.id?.href !== stampId.href) return null;
    const ok =
      stamp.interactingObjectId?.href === quoting.uri &&
      stamp.interactionTargetId?.href === quoted.uri &&
      stamp.attributionIds.some((a) => a.href === quotedAuthor.uri);
    return ok ? stampId.href : null;
  } catch {
    return null;
  }
}

/** Records the quote `object` (stored as `quoting`, by `author`) makes, if any. */
export async function receiveQuoteOf(
  ctx: Ctx,
  object: APObject,
  raw: Record<string, unknown> | null,
  quoting: StatusRow,
  author: AccountRow,
): Promise<void> {
  const target = quoteTargetOf(object, raw);
  if (target === null || quoting.quote_id !== null) return;
  const quoted = await remotePostAt(ctx, target);
  if (quoted === null || quoted.reblog_of_id !== null) return;
  let state: "accepted" | "pending" | "rejected" = "pending";
  let stamp: string | null = null;
  if (quoted.account_id === author.id) state = "accepted";
  else if (quoted.local) {
    const follows = await findFollowsBothWays(ctx.data.db, author.id, [quoted.account_id]);
    const entitlement = quoteEntitlement(
      author.id,
      {
        accountId: quoted.account_id,
        visibility: quoted.visibility,
        isReblog: false,
        quoteApprovalPolicy: Number(quoted.quote_approval_policy),
      },
      {
        following: follows.following.has(quoted.account_id),
        followedBy: follows.followedBy.has(quoted.account_id),
      },
    );
    state =
      entitlement === "automatic" ? "accepted" : entitlement === "denied" ? "rejected" : state;
  } else {
    const quotedAuthor = await findAccountById(ctx.data.db, quoted.account_id);
    const stampId = (object as APObject & { quoteAuthorizationId?: URL | null })
      .quoteAuthorizationId;
    if (quotedAuthor !== undefined)
      stamp = await verifiedStamp(ctx, stampId ?? null, quoting, quoted, quotedAuthor);
    if (stamp !== null) state = "accepted";
  }
  await receiveRemoteQuote(ctx.data, quoting, quoted, state, stamp);
}

/** True when the activity answered one of our QuoteRequests (handled or refused). */
export async function answerToQuoteRequest(
  ctx: Ctx,
  activity: Accept | Reject,
  sender: AccountRow,
  answer: "accepted" | "rejected",
): Promise<boolean> {
  const objectId = activity.objectId;
  if (objectId === null || objectId.origin !== new URL(ctx.data.config.baseUrl).origin)
    return false;
  const at = objectId.href.indexOf("#quote-request/");
  if (at < 0) return false;
  const quoting = await findStatusByUri(ctx.data.db, objectId.href.slice(0, at));
  if (quoting === undefined || !quoting.local) return true;
  const result = answer === "accepted" ? activity.resultId : null;
  if (answer === "accepted" && (result === null || !sameOrigin(result, new URL(sender.uri)))) {
    inboxLog.info("Ignored Accept {id}: no stamp on the quoted author's server", {
      id: activity.id?.href,
    });
    return true;
  }
  await answerOurQuoteRequest(ctx.data, quoting.id, sender.id, answer, result?.href ?? null);
  return true;
}
