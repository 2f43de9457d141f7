// An account's posts — https://docs.joinmastodon.org/methods/accounts/#statuses
// What the viewer may see of them (domain/visibility.ts), newest first. `pinned` lists the
// pinned ones (paginated by status id, as Mastodon). Media filtering and boosts do not exist
// yet: `only_media` gives an empty page, `exclude_reblogs` is already honoured for when
// boosts arrive.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findAccountById } from "../../repos/profiles.ts";
import { listPinnedStatuses } from "../../repos/status-interactions.ts";
import { listAccountStatuses as listRows } from "../../repos/status-reads.ts";
import type { StatusRow } from "./common.ts";

export interface AccountStatusesQuery {
  onlyMedia: boolean;
  pinned: boolean;
  excludeReplies: boolean;
  excludeReblogs: boolean;
  tagged: string | undefined;
}

/** undefined for an unknown account. */
export async function listAccountStatuses(
  ctx: AppContext,
  accountId: string,
  viewerId: string | null,
  page: Page,
  query: AccountStatusesQuery,
): Promise<StatusRow[] | undefined> {
  const account = await findAccountById(ctx.db, accountId);
  if (account === undefined) return undefined;
  if (query.onlyMedia) return [];
  if (query.pinned) return listPinnedStatuses(ctx.db, accountId, viewerId, page);
  return listRows(ctx.db, accountId, viewerId, page, {
    excludeReplies: query.excludeReplies,
    excludeReblogs: query.excludeReblogs,
    tagged: query.tagged,
  });
}
