// Update(Note) from the author's server: the post's new text, CW, sensitivity, language,
// mentions, hashtags and media, recorded in its history as a local edit is (the first edit
// keeps the original first). Only the author's own post (the inbox checked that the signer is
// the author; here the stored post must belong to that account too). An Update that changes
// nothing writes nothing, so a replayed Update is harmless.
import type { AppContext } from "../../context.ts";
import type { EditMediaSnapshot } from "../../db/schema/index.ts";
import { findMediaOfStatuses, type MediaRow } from "../../repos/media.ts";
import { refreshRemotePoll } from "../../repos/polls.ts";
import { findStatusByUri, insertRemoteMedia } from "../../repos/remote-objects.ts";
import {
  detachMediaExcept,
  findMentionRows,
  hasEdits,
  insertStatusEdit,
  lockStatus,
  removeStatusTags,
  updateEditedStatus,
} from "../../repos/status-edits.ts";
import {
  findStatusById,
  insertMentions,
  insertStatusTags,
  upsertTags,
} from "../../repos/statuses.ts";
import { resetCardAfterEdit } from "../cards/enqueue-card-fetch.ts";
import { enqueueEditNotifications } from "../notifications/on-events.ts";
import type { StatusRow } from "../statuses/common.ts";
import {
  feedsHolding,
  publishToFeeds,
  publishToPublicStreams,
} from "../streaming/publish-status.ts";
import { cleanContent, type RemoteStatusData, remoteMediaRows, tagRows } from "./receive-status.ts";
import { storeRemoteEmojis } from "./remote-emojis.ts";

export type UpdateRemoteStatusResult =
  | { type: "edited"; status: StatusRow }
  | { type: "unchanged"; status: StatusRow }
  /** Unknown post, or not this account's: nothing to update. */
  | { type: "not-found" };

function snapshot(media: MediaRow[]): EditMediaSnapshot[] {
  return media.map((m) => ({
    id: m.id,
    description: m.description,
    focus: m.focus_x === null || m.focus_y === null ? null : { x: m.focus_x, y: m.focus_y },
  }));
}

const sameMedia = (current: MediaRow[], next: RemoteStatusData["media"]) =>
  current.length === next.length &&
  current.every((m, i) => m.remote_url === next[i]?.url && m.description === next[i]?.description);

export async function updateRemoteStatus(
  ctx: AppContext,
  data: RemoteStatusData,
): Promise<UpdateRemoteStatusResult> {
  const found = await findStatusByUri(ctx.db, data.uri);
  if (found === undefined || found.account_id !== data.accountId || found.deleted_at !== null)
    return { type: "not-found" };
  if (found.reblog_of_id !== null || found.local) return { type: "not-found" };
  await storeRemoteEmojis(ctx, data.authorDomain, data.emojis);
  const now = ctx.clock.now().toISOString();
  // Update(Question) carries the poll's new counts (and its end); Mastodon refreshes them
  // without making an edit of the post.
  if (found.poll_id !== null && data.poll !== null)
    await refreshRemotePoll(ctx.db, found.poll_id, data.poll, now);
  const content = cleanContent(data.content);
  const spoilerText = data.spoilerText.slice(0, 10_000);
  const sensitive = data.sensitive || spoilerText !== "";
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const status = (await lockStatus(trx, found.id)) as StatusRow;
    const media = (await findMediaOfStatuses(trx, [status.id])).sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    const mediaSame = sameMedia(media, data.media);
    if (
      status.content === content &&
      status.spoiler_text === spoilerText &&
      Boolean(status.sensitive) === sensitive &&
      mediaSame
    )
      return { type: "unchanged" as const, status };
    if (!(await hasEdits(trx, status.id)))
      await insertStatusEdit(trx, {
        id: ctx.newId(),
        statusId: status.id,
        accountId: status.account_id,
        text: "",
        content: status.content,
        spoilerText: status.spoiler_text,
        sensitive: Boolean(status.sensitive),
        media: snapshot(media),
        at: status.created_at,
      });
    if (!mediaSame) {
      await detachMediaExcept(trx, status.id, []);
      await insertRemoteMedia(
        trx,
        remoteMediaRows(ctx, status.account_id, status.id, data.media, now),
      );
    }
    await updateEditedStatus(trx, status.id, {
      text: "",
      content,
      spoilerText,
      sensitive,
      language: data.language ?? status.language,
      at: now,
    });
    // As a local edit (and Mastodon's ProcessStatusUpdateService): new text, card fetched
    // again. Reads trust status_cards, so an edit must never leave the old card behind.
    await resetCardAfterEdit(trx, ctx.newId, {
      statusId: status.id,
      content,
      previousContent: status.content,
      hasMediaOrPoll: data.media.length > 0 || data.poll !== null,
      at: now,
    });
    // People newly named are added; those already mentioned keep their access (as local edits).
    const known = new Set((await findMentionRows(trx, status.id)).map((m) => m.accountId));
    await insertMentions(
      trx,
      data.mentionedAccountIds
        .filter((a) => a !== status.account_id && !known.has(a))
        .map((accountId) => ({ id: ctx.newId(), statusId: status.id, accountId, silent: false })),
    );
    await removeStatusTags(trx, status.id);
    const tagIds = await upsertTags(trx, tagRows(ctx, data.tags), now);
    await insertStatusTags(trx, status.id, [...tagIds.values()]);
    await insertStatusEdit(trx, {
      id: ctx.newId(),
      statusId: status.id,
      accountId: status.account_id,
      text: "",
      content,
      spoilerText,
      sensitive,
      media: snapshot(await findMediaOfStatuses(trx, [status.id])),
      at: now,
    });
    const edited = (await findStatusById(trx, status.id)) as StatusRow;
    await enqueueEditNotifications(ctx, trx, edited);
    return { type: "edited" as const, status: edited };
  });
  if (outcome.type === "edited") {
    await publishToFeeds(ctx, await feedsHolding(ctx, found.id), "status.update", found.id);
    await publishToPublicStreams(ctx, outcome.status, "status.update");
  }
  return outcome;
}
