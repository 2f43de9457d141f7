// Edit a status — https://docs.joinmastodon.org/methods/statuses/#edit
// As Mastodon's UpdateStatusService. Only the author edits (anyone else: not found, as if the
// post did not exist); boosts and deleted posts cannot be edited. Visibility and the thread
// never change. The request is the post's whole new state, as Mastodon reads it: a missing
// `spoiler_text` clears the content warning, a missing `sensitive` is false unless there is a
// warning, and `media_ids` lists every upload the post keeps (uploads left out are let go and
// become free again); a missing or unknown `language` keeps the current one.
//
// History: the first edit records the original (at its creation time) before the new version,
// so the history reads original + every edit. An edit that changes nothing writes nothing.
//
// Mentions follow ProcessMentionsService: people newly named are added; people no longer named
// stay as silent mentions, since they were notified already and taking their access away
// would be more confusing than keeping it. Hashtags are replaced by those of the new text.
//
// Polls (services/polls/edit-poll.ts): `poll` in StatusChanges is the poll after the edit (a
// missing one removes it, as Mastodon); a changed poll counts as a change, and each revision
// snapshots the option titles (status_edits.poll_options).
import type { AppContext } from "../../context.ts";
import type { EditMediaSnapshot } from "../../db/schema/index.ts";
import { type PollInput, pollError } from "../../domain/polls.ts";
import {
  attachMedia,
  findAttachableMedia,
  findMediaOfStatuses,
  type MediaRow,
  updateMediaDetails,
} from "../../repos/media.ts";
import {
  detachMediaExcept,
  findMentionRows,
  hasEdits,
  insertStatusEdit,
  lockStatus,
  removeStatusTags,
  setMentionsSilent,
  updateEditedStatus,
} from "../../repos/status-edits.ts";
import {
  findStatusById,
  insertMentions,
  insertStatusTags,
  upsertTags,
} from "../../repos/statuses.ts";
import { resetCardAfterEdit } from "../cards/enqueue-card-fetch.ts";
import { checkDetails } from "../media/upload.ts";
import { enqueueEditNotifications } from "../notifications/on-events.ts";
import { applyPollEdit, planPollEdit } from "../polls/edit-poll.ts";
import {
  feedsHolding,
  publishToFeeds,
  publishToPublicStreams,
} from "../streaming/publish-status.ts";
import { NOT_FOUND, type StatusFederationEffect, type StatusRow } from "./common.ts";
import { compose } from "./compose.ts";
import { checkMediaCount, checkMediaFound, checkText, pickLanguage } from "./post-rules.ts";

export interface MediaAttribute {
  id: string;
  /** Omitted: unchanged; null or "": removed. */
  description?: string | null | undefined;
  /** Omitted: unchanged; null: removed. */
  focus?: { x: number; y: number } | null | undefined;
}

export interface StatusChanges {
  text: string;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  language?: string | undefined;
  /** Every upload the post carries after the edit; omitted means none. */
  mediaIds?: string[] | undefined;
  /** Description and focus of uploads among mediaIds (others are ignored, as Mastodon). */
  mediaAttributes?: MediaAttribute[] | undefined;
  /** The poll after the edit; omitted: the post has none (an existing one is removed). */
  poll?: PollInput | undefined;
}

export type EditStatusResult =
  | { type: "ok"; status: StatusRow; federate: StatusFederationEffect | null }
  | { type: "invalid"; message: string }
  | typeof NOT_FOUND;

class MediaTakenError extends Error {
  override name = "MediaTakenError";
}

const invalid = (message: string) => ({ type: "invalid", message }) as const;

const editable = (s: StatusRow | undefined, actorId: string): s is StatusRow =>
  s !== undefined && s.account_id === actorId && s.deleted_at === null && s.reblog_of_id === null;

export async function editStatus(
  ctx: AppContext,
  actorId: string,
  statusId: string,
  changes: StatusChanges,
): Promise<EditStatusResult> {
  if (!editable(await findStatusById(ctx.db, statusId), actorId)) return NOT_FOUND;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const text = changes.text;
  const spoilerText = changes.spoilerText ?? "";
  const sensitive = changes.sensitive === true || spoilerText !== "";
  const mediaIds = [...new Set(changes.mediaIds ?? [])];
  const tooMany = checkMediaCount(mediaIds);
  if (tooMany !== null) return invalid(tooMany);
  if (changes.poll !== undefined && mediaIds.length > 0)
    return invalid("Validation failed: A post with a poll cannot have media attached");
  const pollRefused = changes.poll === undefined ? null : pollError(changes.poll);
  if (pollRefused !== null) return invalid(pollRefused);
  const attributes = new Map(
    (changes.mediaAttributes ?? []).filter((a) => mediaIds.includes(a.id)).map((a) => [a.id, a]),
  );
  for (const a of attributes.values()) checkDetails({ description: a.description });
  const composed = await compose(ctx, text);

  const outcome = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const status = await lockStatus(trx, statusId);
      if (!editable(status, actorId)) return NOT_FOUND;
      // The post keeps its own uploads it lists, and may take free ones (as posting does).
      const current = await findMediaOfStatuses(trx, [statusId]);
      const had = new Set(current.map((m) => m.id));
      const added = mediaIds.filter((id) => !had.has(id));
      const next = [
        ...current.filter((m) => mediaIds.includes(m.id)),
        ...(await findAttachableMedia(trx, actorId, added)),
      ];
      const refused = checkMediaFound(mediaIds, next) ?? checkText(text, spoilerText, next.length);
      if (refused !== null) return invalid(refused);
      const language = pickLanguage(changes.language, status.language);
      const poll = await planPollEdit(trx, statusId, changes.poll, now);
      const changed =
        poll.changed ||
        text !== status.text ||
        spoilerText !== status.spoiler_text ||
        sensitive !== Boolean(status.sensitive) ||
        language !== status.language ||
        mediaChanged(current, next, attributes);
      if (!changed) return { type: "ok", status, federate: null } as const;

      if (!(await hasEdits(trx, statusId))) {
        await insertStatusEdit(trx, {
          id: ctx.newId(),
          statusId,
          accountId: status.account_id,
          text: status.text,
          content: status.content,
          spoilerText: status.spoiler_text,
          sensitive: Boolean(status.sensitive),
          media: snapshot(current),
          pollOptions: poll.current?.options ?? null,
          at: status.created_at,
        });
      }
      for (const a of attributes.values()) {
        await updateMediaDetails(
          trx,
          a.id,
          {
            ...(a.description === undefined ? {} : { description: a.description || null }),
            ...(a.focus === undefined ? {} : { focus: a.focus }),
          },
          at,
        );
      }
      await detachMediaExcept(trx, statusId, mediaIds);
      // Taken by another post meanwhile: roll the whole edit back rather than lose a picture.
      if (!(await attachMedia(trx, statusId, added))) throw new MediaTakenError();
      await applyPollEdit(ctx, trx, { statusId, accountId: status.account_id }, poll, now);
      await updateEditedStatus(trx, statusId, {
        text,
        content: composed.content,
        spoilerText,
        sensitive,
        language,
        at,
      });
      await resetCardAfterEdit(trx, ctx.newId, {
        statusId,
        content: composed.content,
        previousContent: status.content,
        hasMediaOrPoll: mediaIds.length > 0 || changes.poll !== undefined,
        at,
      });
      const mentioned = await updateMentions(
        ctx,
        trx,
        statusId,
        composed.mentioned.map((a) => a.id).filter((id) => id !== status.account_id),
      );
      await removeStatusTags(trx, statusId);
      const tagIds = await upsertTags(
        trx,
        [...composed.tags].map(([name, displayName]) => ({ name, displayName, id: ctx.newId() })),
        at,
      );
      await insertStatusTags(trx, statusId, [...tagIds.values()]);
      await insertStatusEdit(trx, {
        id: ctx.newId(),
        statusId,
        accountId: actorId,
        text,
        content: composed.content,
        spoilerText,
        sensitive,
        media: snapshot(await findMediaOfStatuses(trx, [statusId])),
        pollOptions: poll.options,
        at,
      });
      const edited = (await findStatusById(trx, statusId)) as StatusRow;
      // Who boosted or quoted it hears of the edit (`update`, `quoted_update`).
      await enqueueEditNotifications(ctx, trx, edited);
      return {
        type: "ok",
        status: edited,
        federate: edited.local
          ? { activity: "Update" as const, statusId, mentionedAccountIds: mentioned }
          : null,
      } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof MediaTakenError) return null;
      throw error;
    });
  // Streaming: the feeds holding the post and its public channels hear of a real edit.
  if (outcome?.type === "ok" && outcome.status.edited_at === at) {
    await publishToFeeds(ctx, await feedsHolding(ctx, statusId), "status.update", statusId);
    await publishToPublicStreams(ctx, outcome.status, "status.update");
  }
  return outcome ?? invalid("Cannot attach media that another post uses");
}

/** Different uploads, or a kept upload whose description or focus is being changed. */
function mediaChanged(
  current: MediaRow[],
  next: MediaRow[],
  attributes: Map<string, MediaAttribute>,
): boolean {
  const ids = (rows: MediaRow[]) =>
    rows
      .map((m) => m.id)
      .sort()
      .join(",");
  if (ids(current) !== ids(next)) return true;
  return next.some((m) => {
    const a = attributes.get(m.id);
    if (a === undefined) return false;
    if (a.description !== undefined && (a.description || null) !== m.description) return true;
    if (a.focus === undefined) return false;
    return a.focus?.x !== (m.focus_x ?? undefined) || a.focus?.y !== (m.focus_y ?? undefined);
  });
}

function snapshot(media: MediaRow[]): EditMediaSnapshot[] {
  return media.map((m) => ({
    id: m.id,
    description: m.description,
    focus: m.focus_x === null || m.focus_y === null ? null : { x: m.focus_x, y: m.focus_y },
  }));
}

/**
 * New names become mentions, silent ones named again become loud, and names dropped from the
 * text turn silent. Returns every account the post now mentions, silently or not.
 */
async function updateMentions(
  ctx: AppContext,
  db: Parameters<typeof findMentionRows>[0],
  statusId: string,
  named: string[],
): Promise<string[]> {
  const existing = await findMentionRows(db, statusId);
  const known = new Map(existing.map((m) => [m.accountId, m.silent]));
  const wanted = new Set(named);
  await insertMentions(
    db,
    named
      .filter((id) => !known.has(id))
      .map((accountId) => ({ id: ctx.newId(), statusId, accountId, silent: false })),
  );
  await setMentionsSilent(
    db,
    statusId,
    named.filter((id) => known.get(id) === true),
    false,
  );
  await setMentionsSilent(
    db,
    statusId,
    existing.filter((m) => !m.silent && !wanted.has(m.accountId)).map((m) => m.accountId),
    true,
  );
  return [...new Set([...known.keys(), ...named])];
}
