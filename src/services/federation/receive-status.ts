// A post from another server (Create of a Note, Question, Article, Page…), already checked by
// the inbox (src/federation/inbox/create.ts: the author is the signer, the object's id is on
// the author's host) and turned into plain data. Stored as Mastodon's ActivityPub::Activity::
// Create does: sanitized HTML, CW, sensitive, language, visibility from addressing, the reply
// (kept by uri when the parent is unknown), mentions of accounts we know, hashtags, media
// linked where they live, a poll; then the `status.fan-out` job puts it in followers' homes.
// Idempotent: a post already stored (same uri) is returned as it is.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import type { MediaAttachmentsTable } from "../../db/schema/index.ts";
import { normalizeTagName } from "../../domain/tags.ts";
import { sanitizeHtml } from "../../domain/text/sanitize-html.ts";
import type { Visibility } from "../../domain/user-settings.ts";
import { insertConversation } from "../../repos/conversations.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import {
  findStatusByUri,
  insertRemoteMedia,
  insertRemotePoll,
  linkWaitingReplies,
  type NewRemoteMedia,
  type RemoteEmoji,
} from "../../repos/remote-objects.ts";
import {
  adjustAccountStatuses,
  adjustStatusCount,
  findStatusById,
  insertMentions,
  insertStatus,
  insertStatusTags,
  upsertTags,
} from "../../repos/statuses.ts";
import { enqueueCardFetch } from "../cards/enqueue-card-fetch.ts";
import type { StatusRow } from "../statuses/common.ts";
import { storeRemoteEmojis } from "./remote-emojis.ts";

export interface RemoteMediaData {
  url: string;
  mediaType: string | null;
  description: string | null;
  width: number | null;
  height: number | null;
  /** Mastodon's toot:blurhash and toot:focalPoint, when sent. */
  blurhash: string | null;
  focus: { x: number; y: number } | null;
}

export interface RemotePollData {
  options: string[];
  multiple: boolean;
  expiresAt: string | null;
  closedAt: string | null;
  votersCount: number;
  /** Votes per option, as the poll's server counts them. */
  tallies: number[];
}

export interface RemoteStatusData {
  uri: string;
  url: string | null;
  accountId: string;
  /** Raw HTML as received; sanitized here. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  visibility: Visibility;
  inReplyToUri: string | null;
  /** Accounts named by Mention tags (loud) and only addressed (silent), ours or known. */
  mentionedAccountIds: string[];
  silentAccountIds: string[];
  tags: string[];
  media: RemoteMediaData[];
  poll: RemotePollData | null;
  publishedAt: string | null;
  /** interactionPolicy.canQuote as domain/quote-policy.ts stores it (0: not quotable). */
  quotePolicy: number;
  /** The author's server (its emoji are stored under it) and the emoji the post names. */
  authorDomain: string;
  emojis: RemoteEmoji[];
}

/** Mastodon keeps at most this many attachments of a remote post. */
const MEDIA_LIMIT = 16;
const CONTENT_LIMIT = 500_000;
const TAG_LIMIT = 50;

export function mediaType(mime: string | null): MediaAttachmentsTable["type"] {
  if (mime === null) return "unknown";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime.startsWith("audio/")) return "audio";
  return "unknown";
}

export function remoteMediaRows(
  ctx: AppContext,
  accountId: string,
  statusId: string,
  media: RemoteMediaData[],
  at: string,
): NewRemoteMedia[] {
  return media.slice(0, MEDIA_LIMIT).map((m) => {
    const sized = m.width !== null && m.height !== null && m.width > 0 && m.height > 0;
    return {
      id: ctx.newId(),
      accountId,
      statusId,
      type: mediaType(m.mediaType),
      remoteUrl: m.url,
      contentType: m.mediaType,
      description: m.description,
      blurhash: m.blurhash,
      focus: m.focus,
      meta: sized
        ? {
            original: {
              width: m.width!,
              height: m.height!,
              size: `${m.width}x${m.height}`,
              aspect: m.width! / m.height!,
            },
          }
        : null,
      at,
    };
  });
}

export function tagRows(ctx: AppContext, names: string[]) {
  const byKey = new Map<string, string>();
  for (const raw of names.slice(0, TAG_LIMIT)) {
    const name = raw.replace(/^#/, "").trim();
    if (name === "" || name.length > 255 || /[\s#]/.test(name)) continue;
    const key = normalizeTagName(name);
    if (!byKey.has(key)) byKey.set(key, name);
  }
  return [...byKey].map(([name, displayName]) => ({ name, displayName, id: ctx.newId() }));
}

export function cleanContent(html: string): string {
  return sanitizeHtml(html.slice(0, CONTENT_LIMIT));
}

export type ReceiveStatusResult = { status: StatusRow; created: boolean };

/** Unknown parents fetched up a reply chain on receipt (Mastodon's inReplyTo depth: 5). */
export const ANCESTOR_DEPTH = 5;

export interface ReceiveStatusOptions {
  /** How many unknown ancestors may still be fetched above this post (0: none). */
  ancestors?: number;
}

export async function receiveStatus(
  ctx: AppContext,
  data: RemoteStatusData,
  options: ReceiveStatusOptions = {},
): Promise<ReceiveStatusResult> {
  const existing = await findStatusByUri(ctx.db, data.uri);
  if (existing !== undefined) return { status: existing, created: false };
  await storeRemoteEmojis(ctx, data.authorDomain, data.emojis);
  const parent =
    data.inReplyToUri === null ? undefined : await findStatusByUri(ctx.db, data.inReplyToUri);
  const now = ctx.clock.now().toISOString();
  // The post's own time when it is plausible (never in the future): timelines sort by id.
  const at =
    data.publishedAt !== null && Date.parse(data.publishedAt) <= Date.parse(now)
      ? new Date(data.publishedAt).toISOString()
      : now;
  const id = ctx.newId();
  const counted = data.visibility !== "direct";
  try {
    const status = await ctx.db.transaction().execute(async (trx) => {
      await insertStatus(trx, {
        id,
        uri: data.uri,
        url: data.url,
        account_id: data.accountId,
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account_id ?? null,
        in_reply_to_uri: parent === undefined ? data.inReplyToUri : null,
        conversation_id:
          parent?.conversation_id ?? (await insertConversation(trx, { id: ctx.newId(), at })),
        reblog_of_id: null,
        text: "",
        content: cleanContent(data.content),
        spoiler_text: data.spoilerText.slice(0, 10_000),
        visibility: data.visibility,
        // Mastodon's Status#set_sensitive: a content warning makes the media sensitive.
        sensitive: data.sensitive || data.spoilerText !== "",
        language: data.language,
        application_id: null,
        quote_approval_policy: data.quotePolicy,
        local: false,
        edited_at: null,
        deleted_at: null,
        created_at: at,
        updated_at: at,
      });
      await insertRemoteMedia(trx, remoteMediaRows(ctx, data.accountId, id, data.media, at));
      if (data.poll !== null)
        await insertRemotePoll(trx, {
          id: ctx.newId(),
          statusId: id,
          accountId: data.accountId,
          ...data.poll,
          at,
        });
      const loud = new Set(data.mentionedAccountIds.filter((a) => a !== data.accountId));
      const silent = new Set(
        data.silentAccountIds.filter((a) => a !== data.accountId && !loud.has(a)),
      );
      await insertMentions(trx, [
        ...[...loud].map((accountId) => ({
          id: ctx.newId(),
          statusId: id,
          accountId,
          silent: false,
        })),
        ...[...silent].map((accountId) => ({
          id: ctx.newId(),
          statusId: id,
          accountId,
          silent: true,
        })),
      ]);
      const tagIds = await upsertTags(trx, tagRows(ctx, data.tags), at);
      await insertStatusTags(trx, id, [...tagIds.values()]);
      if (parent !== undefined && (data.visibility === "public" || data.visibility === "unlisted"))
        await adjustStatusCount(trx, parent.id, "replies_count", 1);
      // Replies that came first (their parent unknown then) join this post now.
      const waiting = await linkWaitingReplies(trx, {
        uri: data.uri,
        id,
        accountId: data.accountId,
      });
      for (let i = 0; i < waiting; i++) await adjustStatusCount(trx, id, "replies_count", 1);
      if (counted) await adjustAccountStatuses(trx, data.accountId, 1, at);
      // Homes of local followers (and mentions' notifications) after commit, as for our posts.
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "status.fan-out",
        payload: { statusId: id },
        runAt: now,
        createdAt: now,
      });
      // An unknown parent is fetched later (federation/threads.ts), a bounded step at a time.
      const ancestors = options.ancestors ?? ANCESTOR_DEPTH;
      if (parent === undefined && data.inReplyToUri !== null && ancestors > 0)
        await enqueueJob(trx, {
          id: ctx.newId(),
          type: "status.fetch-ancestor",
          payload: { statusId: id, remaining: ancestors },
          runAt: now,
          createdAt: now,
        });
      await enqueueCardFetch(trx, ctx.newId, {
        statusId: id,
        content: cleanContent(data.content),
        hasMediaOrPoll: data.media.length > 0 || data.poll !== null,
        at: now,
      });
      return (await findStatusById(trx, id)) as StatusRow;
    });
    return { status, created: true };
  } catch (error) {
    // The same post delivered twice at once (shared and personal inbox): the other one won.
    if (!(error instanceof UniqueViolationError)) throw error;
    const row = await findStatusByUri(ctx.db, data.uri);
    if (row === undefined) throw error;
    return { status: row, created: false };
  }
}
