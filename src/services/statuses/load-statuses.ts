// Hydration of Status entities: for any number of status rows, their authors (with roles),
// mentions, hashtags, applications and media in a fixed number of queries (six), so a page of 40
// costs what a page of 1 does. For a signed-in viewer, the per-viewer flags (favourited,
// bookmarked, pinned) add one query for the page.
import type { AppContext } from "../../context.ts";
import { findMediaOfStatuses, type MediaRow } from "../../repos/media.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import { findViewerMarks } from "../../repos/status-interactions.ts";
import {
  findApplicationsByIds,
  findMentionsOf,
  findTagsOf,
  type MentionRow,
} from "../../repos/status-reads.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";
import type { StatusRow } from "./common.ts";

export interface LoadedStatus {
  status: StatusRow;
  account: LoadedAccount;
  /** Mentions written in the text (silent ones are not shown). */
  mentions: MentionRow[];
  tags: { name: string; displayName: string }[];
  application: { name: string; website: string | null } | null;
  media: MediaRow[];
  /** The viewer's own marks on it (all false without a viewer). */
  favourited: boolean;
  bookmarked: boolean;
  pinned: boolean;
}

/** Hydrates rows in the order given; a row whose author is missing is dropped. */
export async function loadStatuses(
  ctx: AppContext,
  rows: StatusRow[],
  viewerId: string | null = null,
): Promise<LoadedStatus[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const authors = await withRoles(
    ctx,
    await findAccountsByIds(ctx.db, [...new Set(rows.map((r) => r.account_id))]),
  );
  const authorById = new Map(authors.map((a) => [a.account.id, a]));
  const mentions = await findMentionsOf(ctx.db, ids);
  const tags = await findTagsOf(ctx.db, ids);
  const appIds = rows.flatMap((r) => (r.application_id === null ? [] : [r.application_id]));
  const apps = await findApplicationsByIds(ctx.db, [...new Set(appIds)]);
  const media = await findMediaOfStatuses(ctx.db, ids);
  // Only one's own statuses can be pinned.
  const marks =
    viewerId === null
      ? { favourited: new Set<string>(), bookmarked: new Set<string>(), pinned: new Set<string>() }
      : await findViewerMarks(
          ctx.db,
          viewerId,
          ids,
          rows.filter((r) => r.account_id === viewerId).map((r) => r.id),
        );
  return rows.flatMap((status) => {
    const account = authorById.get(status.account_id);
    if (account === undefined) return [];
    return [
      {
        status,
        account,
        mentions: mentions.filter((m) => m.statusId === status.id && !m.silent),
        tags: tags.filter((t) => t.statusId === status.id),
        application:
          status.application_id === null ? null : (apps.get(status.application_id) ?? null),
        media: media.filter((m) => m.status_id === status.id),
        favourited: marks.favourited.has(status.id),
        bookmarked: marks.bookmarked.has(status.id),
        pinned: marks.pinned.has(status.id),
      },
    ];
  });
}
