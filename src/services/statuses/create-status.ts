// Post a status — https://docs.joinmastodon.org/methods/statuses/#create
// As Mastodon's PostStatusService, with media, without polls, quotes or scheduling (later work):
// validation, mentions and hashtags, a reply only to what the author can see, thread
// audience carried over, counters, and the Idempotency-Key (same status for an hour).
import type { AppContext } from "../../context.ts";
import { isLanguageCode } from "../../domain/languages.ts";
import { STATUS_LIMITS } from "../../domain/limits.ts";
import { isVisibility, readUserSettings, type Visibility } from "../../domain/user-settings.ts";
import { recordActivity } from "../../repos/instance-activity.ts";
import { attachMedia, findAttachableMedia } from "../../repos/media.ts";
import { findAccountById } from "../../repos/profiles.ts";
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
import {
  localStatusUris,
  NOT_FOUND,
  type StatusFederationEffect,
  type StatusRow,
} from "./common.ts";
import { compose, tooLong } from "./compose.ts";

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
}

export type CreateStatusResult =
  | { type: "ok"; status: StatusRow; federate: StatusFederationEffect | null }
  | { type: "invalid"; message: string }
  /** The status replied to does not exist or the author may not see it. */
  | typeof NOT_FOUND;

const IDEMPOTENCY_WINDOW_MS = 3_600_000;

class MediaTakenError extends Error {
  override name = "MediaTakenError";
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
  }

  const text = input.text;
  const spoilerText = input.spoilerText ?? "";
  const mediaIds = [...new Set(input.mediaIds ?? [])];
  if (mediaIds.length > STATUS_LIMITS.maxMediaAttachments) {
    return invalid(
      `Validation failed: Cannot attach more than ${STATUS_LIMITS.maxMediaAttachments} files`,
    );
  }
  const media = await findAttachableMedia(ctx.db, authorId, mediaIds);
  if (media.length !== mediaIds.length) {
    const found = new Set(media.map((m) => m.id));
    return invalid(
      `Could not find media attachment(s) with ID(s): ${mediaIds.filter((m) => !found.has(m)).join(", ")}`,
    );
  }
  if (media.some((m) => m.processing !== "done")) {
    return invalid("Cannot attach files that have not finished processing. Try again in a moment!");
  }
  // A post may be only pictures (Mastodon allows an empty text with media).
  if (text.trim() === "" && media.length === 0)
    return invalid("Validation failed: Text can't be blank");
  if (tooLong(text, spoilerText))
    return invalid("Validation failed: Text character limit of 500 exceeded");
  const author = await findAccountById(ctx.db, authorId);
  if (author === undefined) return NOT_FOUND;
  const settings = readUserSettings(await findSettingsOfAccount(ctx.db, authorId));
  let visibility: Visibility = settings.defaultPrivacy;
  if (input.visibility !== undefined && input.visibility !== "") {
    if (!isVisibility(input.visibility))
      return invalid("Validation failed: Visibility is not included in the list");
    visibility = input.visibility;
  }
  // An unknown language falls back to the author's default, as Mastodon's locale cascade.
  const language =
    input.language !== undefined && isLanguageCode(input.language)
      ? input.language
      : settings.defaultLanguage;

  let parent: StatusRow | undefined;
  if (input.inReplyToId !== undefined) {
    [parent] = await findVisibleStatuses(ctx.db, [input.inReplyToId], authorId);
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

  const id = ctx.newId();
  const { uri, url } = localStatusUris(ctx.config.baseUrl, author.username, id);
  // Mastodon counts neither direct messages in statuses_count nor private replies in replies_count.
  const counted = visibility !== "direct";
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
        reblog_of_id: null,
        text,
        content: composed.content,
        spoiler_text: spoilerText,
        visibility,
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
      if (!(await attachMedia(trx, id, mediaIds))) throw new MediaTakenError();
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
      return (await findStatusById(trx, id)) as StatusRow;
    })
    .catch((error: unknown) => {
      if (error instanceof MediaTakenError) return null;
      throw error;
    });
  if (created === null) return invalid("Cannot attach media that another post uses");
  const status = created;
  const mentionedAccountIds = [...named, ...silent].filter((a) => a !== authorId);
  return {
    type: "ok",
    status,
    federate:
      author.domain === null ? { activity: "Create", statusId: id, mentionedAccountIds } : null,
  };
}
