// What a visitor sees on a profile page: the pinned posts (first page only) and a page of the
// posts an anonymous viewer may see (public and unlisted, boosts included), replies to others
// only when asked, as Mastodon's profile tabs.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listAccountStatuses } from "../statuses/list-account-statuses.ts";
import { type LoadedStatus, loadStatuses } from "../statuses/load-statuses.ts";

export const PROFILE_PAGE_SIZE = 20;
/** Mastodon pins five posts at most. */
const PINNED_PAGE = { limit: 5 };

export interface ProfilePage {
  pinned: LoadedStatus[];
  statuses: LoadedStatus[];
  /** Cursor of the next (older) page, when this one is full. */
  olderThan: string | null;
}

export async function loadProfilePage(
  ctx: AppContext,
  accountId: string,
  page: Page,
  withReplies: boolean,
): Promise<ProfilePage> {
  const query = {
    onlyMedia: false,
    excludeReblogs: false,
    excludeReplies: !withReplies,
    tagged: undefined,
  };
  const firstPage = page.maxId === undefined && page.minId === undefined;
  const pinnedRows = firstPage
    ? ((await listAccountStatuses(ctx, accountId, null, PINNED_PAGE, { ...query, pinned: true })) ??
      [])
    : [];
  const rows =
    (await listAccountStatuses(ctx, accountId, null, page, { ...query, pinned: false })) ?? [];
  // One hydration for both lists: a pinned post is often on the first page too.
  const byId = new Map(
    (await loadStatuses(ctx, [...pinnedRows, ...rows], null)).map((l) => [l.status.id, l]),
  );
  const pick = (list: typeof rows) => list.flatMap((r) => byId.get(r.id) ?? []);
  const last = rows.at(-1);
  return {
    pinned: pick(pinnedRows),
    statuses: pick(rows),
    olderThan: rows.length >= page.limit && last !== undefined ? last.id : null,
  };
}
