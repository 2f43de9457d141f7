// Post a status — https://docs.joinmastodon.org/methods/statuses/#create
// As Mastodon's PostStatusService, with media, polls, quotes and scheduling (scheduled-statuses/):
// validation, mentions and hashtags, a reply only to what the author can see, thread
// audience carried over, counters, and the Idempotency-Key (same status for an hour).
import type { AppContext } from "../../context.ts";
import { type PollInput, pollError } from "../../domain/polls.ts";
import { isQuotePolicy, storedQuotePolicy } from "../../domain/quote-policy.ts";
import { isVisibility, readUserSettings, type Visibility } from "../../domain/user-settings.ts";
import { insertConversation } from "../../repos/conversations.ts";
import { recordActivity } from "../../repos/instance-activity.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { attachMedia, findAttachableMedia } from "../../repos/media.ts";
import { findAccountById } from "../../repos/profiles.ts";
import {
  deleteScheduledStatus,
  findIdempotentScheduled,
  type ScheduledStatusRow,
} from "../../repos/scheduled-statuses.ts";
import { findMentionsOf, findVisibleStatuses } from "../../repos/status-reads.ts";
import {
  adjustAccountStatuses,
  adjustStatusCount,
  findIdempotentStatus,
  findSettingsOfAccount,
  findStatusById,
  insertMentions,
  insertStatus,
  insertStatusTags,
  saveIdempotencyKey,
  upsertTags,
} from "../../repos/statuses.ts";
import { enqueueCardFetch } from "../cards/enqueue-card-fetch.ts";
import { attachPoll } from "../polls/attach-poll.ts";
import type { QuoteFederationEffect } from "../quotes/common.ts";
import {
  directQuoteAllowed,
  type PreparedQuote,
  prepareQuote,
  QUOTED_USER_NOT_MENTIONED,
  quoteVisibility,
  saveQuote,
} from "../quotes/prepare-quote.ts";
import {
  effectiveSchedule,
  scheduledParams,
  scheduleRefusal,
  scheduleStatus,
} from "../scheduled-statuses/schedule.ts";
import {
  localStatusUris,
  NOT_FOUND,
  type StatusFederationEffect,
  type StatusRow,
} from "./common.ts";
import { compose } from "./compose.ts";
import { checkMediaCount, checkMediaFound, checkText, pickLanguage } from "./post-rules.ts";

export interface NewStatus {
  text: string;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  /** Omitted: the author's default (users.settings). */
  visibility?: string | undefined;
  language?: string | undefined;
  inReplyToId?: string | undefined;
  applicationId?: string | null | undefined;
  idempotencyKey?: string | undefined;
  /** Uploads of the author (POST /api/v2/media), at most max_media_attachments. */
  mediaIds?: string[] | undefined;
  /** The post quoted (services/quotes/prepare-quote.ts has the rules). */
  quotedStatusId?: string | undefined;
  /** public | followers | nobody; omitted: the author's default. Private posts: nobody. */
  quoteApprovalPolicy?: string | undefined;
  /** A poll (never with media, as Mastodon); closed by a `poll.close` job at its end. */
  poll?: PollInput | undefined;
  /** More than five minutes ahead: stored as a scheduled post instead; in the past: now. */
  scheduledAt?: Date | undefined;
  /** Publishing this scheduled post: its uploads are usable and its row goes with the post. */
  scheduledStatusId?: string | undefined;
}

export type CreateStatusResult =
  | {
      type: "ok";
      status: StatusRow;
      federate: StatusFederationEffect | null;
      /** A quote of a remote post asks for its author's approval. */
      quoteFederate?: QuoteFederationEffect | null;
    }
  /** The quoted post does not exist, is hidden from the author, or its policy denies them. */
  | { type: "quote-not-found" }
  /** scheduled_at was given: the post waits (services/scheduled-statuses). */
  | { type: "scheduled"; scheduled: ScheduledStatusRow }
  | { type: "invalid"; message: string }
  /** The status replied to does not exist or the author may not see it. */
  | typeof NOT_FOUND;

const IDEMPOTENCY_WINDOW_MS = 3_600_000;

class MediaTakenError extends Error {
  override name = "MediaTakenError";
}

/** The scheduled post being published was cancelled or published meanwhile. */
class ScheduledGoneError extends Error {
  override name = "ScheduledGoneError";
}

const invalid = (message: string) => ({ type: "invalid", message }) as const;

export async function createStatus(
  ctx: AppContext,
  authorId: string,
  input: NewStatus,
): Promise<CreateStatusResult> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== "") {
    const since = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString();
    const earlier = await findIdempotentStatus(ctx.db, authorId, input.idempotencyKey, since);
    const status = earlier === undefined ? undefined : await findStatusById(ctx.db, earlier);
    if (status !== undefined) return { type: "ok", status, federate: null };
    // A retried scheduling gets its scheduled post back, as Mastodon.
    const scheduled = await findIdempotentScheduled(ctx.db, authorId, input.idempotencyKey, since);
    if (scheduled !== undefined) return { type: "scheduled", scheduled };
  }

  const text = input.text;
  const spoilerText = input.spoilerText ?? "";
  const mediaIds = [...new Set(input.mediaIds ?? [])];
  // The rules shared with editing (post-rules.ts).
  const tooMany = checkMediaCount(mediaIds);
  if (tooMany !== null) return invalid(tooMany);
  // Mastodon refuses a poll with media (with its "too many files" message; ours says why).
  if (input.poll !== undefined && mediaIds.length > 0)
    return invalid("Validation failed: A post with a poll cannot have media attached");
  const pollRefused = input.poll === undefined ? null : pollError(input.poll);
  if (pollRefused !== null) return invalid(pollRefused);
  const scheduledAt = effectiveSchedule(input.scheduledAt, now);
  const tooSoon =
    scheduledAt === undefined ? null : await scheduleRefusal(ctx.db, authorId, scheduledAt, now);
  if (tooSoon !== null) return invalid(tooSoon);
  const media = await findAttachableMedia(ctx.db, authorId, mediaIds, input.scheduledStatusId);
  const refused = checkMediaFound(mediaIds, media) ?? checkText(text, spoilerText, media.length);
  if (refused !== null) return invalid(refused);
  const author = await findAccountById(ctx.db, authorId);
  if (author === undefined) return NOT_FOUND;
  const settings = readUserSettings(await findSettingsOfAccount(ctx.db, authorId));
  let visibility: Visibility = settings.defaultPrivacy;
  if (input.visibility !== undefined && input.visibility !== "") {
    if (!isVisibility(input.visibility))
      return invalid("Validation failed: Visibility is not included in the list");
    visibility = input.visibility;
  }
  const quotePolicy = input.quoteApprovalPolicy || settings.defaultQuotePolicy;
  if (!isQuotePolicy(quotePolicy))
    return invalid("Validation failed: Quote approval policy is not included in the list");
  let quote: PreparedQuote | undefined;
  if (input.quotedStatusId !== undefined) {
    quote = await prepareQuote(ctx.db, authorId, input.quotedStatusId);
    if (quote === undefined) return { type: "quote-not-found" };
    visibility = quoteVisibility(visibility, quote.quoted);
  }
  // An unknown language falls back to the author's default, as Mastodon's locale cascade.
  const language = pickLanguage(input.language, settings.defaultLanguage);

  let parent: StatusRow | undefined;
  if (input.inReplyToId !== undefined) {
    [parent] = await findVisibleStatuses(ctx.db, [input.inReplyToId], authorId);
    // A reply to a boost answers the boosted post, as Mastodon.
    if (parent?.reblog_of_id != null)
      [parent] = await findVisibleStatuses(ctx.db, [parent.reblog_of_id], authorId);
    if (parent === undefined) return NOT_FOUND;
  }
  const composed = await compose(ctx, text);
  // A private or direct reply keeps the thread's audience: the parent's author and the
  // accounts it mentioned follow silently (Mastodon does this for limited posts), so a
  // conversation does not lose people who were in it.
  const silent = new Set<string>();
  if (parent !== undefined && (visibility === "private" || visibility === "direct")) {
    const thread = await findMentionsOf(ctx.db, [parent.id]);
    for (const id of [parent.account_id, ...thread.map((m) => m.accountId)]) silent.add(id);
  }
  const named = new Set(composed.mentioned.map((a) => a.id));
  for (const id of [...silent]) if (named.has(id) || id === authorId) silent.delete(id);
  if (quote !== undefined && !directQuoteAllowed(visibility, authorId, quote.quoted, named))
    return invalid(QUOTED_USER_NOT_MENTIONED);
  if (scheduledAt !== undefined) {
    const resolved = { text, mediaIds, spoilerText, visibility, parentId: parent?.id, language };
    const params = scheduledParams(input, resolved);
    return scheduleStatus(ctx, authorId, scheduledAt, params, input.idempotencyKey);
  }

  const id = ctx.newId();
  const { uri, url } = localStatusUris(ctx.config.baseUrl, author.username, id);
  // Mastodon counts neither direct messages in statuses_count nor private replies in replies_count.
  const counted = visibility !== "direct";
  let quoteFederate: QuoteFederationEffect | null = null;
  const created = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await insertStatus(trx, {
        id,
        uri,
        url,
        account_id: authorId,
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account_id ?? null,
        // A new post starts a thread, a reply joins its parent's (conversation mutes).
        conversation_id:
          parent?.conversation_id ?? (await insertConversation(trx, { id: ctx.newId(), at })),
        reblog_of_id: null,
        text,
        content: composed.content,
        spoiler_text: spoilerText,
        visibility,
        quote_approval_policy: storedQuotePolicy(visibility, quotePolicy),
        sensitive: input.sensitive ?? (settings.defaultSensitive || spoilerText !== ""),
        language,
        application_id: input.applicationId ?? null,
        local: author.domain === null,
        edited_at: null,
        deleted_at: null,
        created_at: at,
        updated_at: at,
      });
      // Taken by another post meanwhile: roll the whole post back rather than lose a picture.
      if (!(await attachMedia(trx, id, mediaIds, input.scheduledStatusId)))
        throw new MediaTakenError();
      if (input.poll !== undefined)
        await attachPoll(ctx, trx, { statusId: id, accountId: authorId }, input.poll, now);
      if (
        input.scheduledStatusId !== undefined &&
        !(await deleteScheduledStatus(trx, input.scheduledStatusId))
      )
        throw new ScheduledGoneError();
      await insertMentions(trx, [
        ...composed.mentioned
          .filter((a) => a.id !== authorId)
          .map((a) => ({ id: ctx.newId(), statusId: id, accountId: a.id, silent: false })),
        ...[...silent].map((accountId) => ({
          id: ctx.newId(),
          statusId: id,
          accountId,
          silent: true,
        })),
      ]);
      const tagIds = await upsertTags(
        trx,
        [...composed.tags].map(([name, displayName]) => ({ name, displayName, id: ctx.newId() })),
        at,
      );
      await insertStatusTags(trx, id, [...tagIds.values()]);
      quoteFederate = quote === undefined ? null : await saveQuote(trx, ctx, id, quote, at);
      if (parent !== undefined && (visibility === "public" || visibility === "unlisted"))
        await adjustStatusCount(trx, parent.id, "replies_count", 1);
      if (counted) await adjustAccountStatuses(trx, authorId, 1, at);
      if (input.idempotencyKey !== undefined && input.idempotencyKey !== "")
        await saveIdempotencyKey(trx, {
          id: ctx.newId(),
          accountId: authorId,
          key: input.idempotencyKey,
          statusId: id,
          at,
        });
      if (author.domain === null) await recordActivity(trx, "statuses", now);
      // Home feeds are filled after commit by a job; the author never waits for fan-out.
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "status.fan-out",
        payload: { statusId: id },
        runAt: at,
        createdAt: at,
      });
      await enqueueCardFetch(trx, ctx.newId, {
        statusId: id,
        content: composed.content,
        hasMediaOrPoll: mediaIds.length > 0 || input.poll !== undefined,
        at,
      });
      return (await findStatusById(trx, id)) as StatusRow;
    })
    .catch((error: unknown) => {
      if (error instanceof MediaTakenError) return null;
      if (error instanceof ScheduledGoneError) return undefined;
      throw error;
    });
  if (created === null) return invalid("Cannot attach media that another post uses");
  if (created === undefined) return NOT_FOUND;
  const status = created;
  const mentionedAccountIds = [...named, ...silent].filter((a) => a !== authorId);
  return {
    type: "ok",
    status,
    federate:
      author.domain === null ? { activity: "Create", statusId: id, mentionedAccountIds } : null,
    quoteFederate,
  };
}
