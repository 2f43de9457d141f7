// The quote part of posting a status (POST /api/v1/statuses `quoted_status_id`), as Mastodon's
// StatusesController#set_quoted_status and PostStatusService#attach_quote!:
// - a boost stands for the boosted post (`proper`);
// - the author must see the quoted post (domain/visibility.ts) and its policy must not deny
//   them (domain/quote-policy.ts: direct posts never, private ones only by their author);
//   anything else is the same 404 as a missing post, so a hidden post is not revealed;
// - quoting a private post makes a public or unlisted quote private;
// - a direct quote must mention the quoted author (unless quoting oneself);
// - a quote of a local post is accepted at once; of a remote post it waits (pending) for the
//   remote author's server, asked by a QuoteRequest.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import { type QuoteState, quoteEntitlement } from "../../domain/quote-policy.ts";
import type { Visibility } from "../../domain/user-settings.ts";
import { adjustQuotesCount, findFollowsBothWays, insertQuote } from "../../repos/quotes.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import type { StatusRow } from "../statuses/common.ts";
import type { QuoteFederationEffect } from "./common.ts";

export const QUOTE_NOT_FOUND_MESSAGE = "The post you are trying to quote does not appear to exist.";
export const QUOTED_USER_NOT_MENTIONED =
  "Validation failed: Cannot quote a non-mentioned user in a Private Mention post.";

export interface PreparedQuote {
  quoted: StatusRow;
  state: QuoteState;
}

/** The post `authorId` may quote under this id, or undefined (missing, hidden or denied). */
export async function prepareQuote(
  db: Db,
  authorId: string,
  quotedStatusId: string,
): Promise<PreparedQuote | undefined> {
  let [quoted] = await findVisibleStatuses(db, [quotedStatusId], authorId);
  if (quoted !== undefined && quoted.reblog_of_id !== null) {
    [quoted] = await findVisibleStatuses(db, [quoted.reblog_of_id], authorId);
  }
  if (quoted === undefined) return undefined;
  const follows = await findFollowsBothWays(db, authorId, [quoted.account_id]);
  const entitlement = quoteEntitlement(
    authorId,
    {
      accountId: quoted.account_id,
      visibility: quoted.visibility,
      isReblog: quoted.reblog_of_id !== null,
      quoteApprovalPolicy: Number(quoted.quote_approval_policy),
    },
    {
      following: follows.following.has(quoted.account_id),
      followedBy: follows.followedBy.has(quoted.account_id),
    },
  );
  if (entitlement === "denied") return undefined;
  return { quoted, state: quoted.local ? "accepted" : "pending" };
}

/** Quoting a private post keeps the quote among followers. */
export function quoteVisibility(visibility: Visibility, quoted: StatusRow): Visibility {
  return quoted.visibility === "private" && (visibility === "public" || visibility === "unlisted")
    ? "private"
    : visibility;
}

/** A direct quote must name the quoted author in its text (silent mentions do not count). */
export function directQuoteAllowed(
  visibility: Visibility,
  authorId: string,
  quoted: StatusRow,
  namedAccountIds: ReadonlySet<string>,
): boolean {
  return (
    visibility !== "direct" ||
    quoted.account_id === authorId ||
    namedAccountIds.has(quoted.account_id)
  );
}

/** Writes the quote with the new status (inside its transaction) and counts it if accepted. */
export async function saveQuote(
  trx: Db,
  ctx: AppContext,
  statusId: string,
  prepared: PreparedQuote,
  at: string,
): Promise<QuoteFederationEffect | null> {
  const id = ctx.newId();
  await insertQuote(trx, {
    id,
    status_id: statusId,
    quoted_status_id: prepared.quoted.id,
    quoted_account_id: prepared.quoted.account_id,
    state: prepared.state,
    activity_uri: null,
    approval_uri: null,
    created_at: at,
    updated_at: at,
  });
  if (prepared.state === "accepted") await adjustQuotesCount(trx, prepared.quoted.id, 1);
  return prepared.state === "pending"
    ? {
        activity: "QuoteRequest",
        statusId,
        quoteId: id,
        counterpartAccountId: prepared.quoted.account_id,
      }
    : null;
}
