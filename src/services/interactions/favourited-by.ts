// Who favourited a status — https://docs.joinmastodon.org/methods/statuses/#favourited_by
// Public for a status the viewer may see (undefined otherwise: a 404); newest favourite first,
// paginated by the favourite row id; suspended accounts are left out. Two queries for the
// page after the visibility check (the favourites, then the accounts with their roles).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listFavouriters } from "../../repos/status-interactions.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import { visibleStatus } from "./common.ts";

export async function favouritedBy(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
  page: Page,
): Promise<{ cursor: string; loaded: LoadedAccount }[] | undefined> {
  if ((await visibleStatus(ctx.db, viewerId, statusId)) === undefined) return undefined;
  return withAccounts(ctx, await listFavouriters(ctx.db, statusId, page));
}

/** Pairs each page entry with its loaded account (one query for the page), dropping gone ones. */
export async function withAccounts(
  ctx: AppContext,
  entries: { cursor: string; accountId: string }[],
): Promise<{ cursor: string; loaded: LoadedAccount }[]> {
  const accounts = new Map(
    (
      await loadAccounts(
        ctx,
        entries.map((e) => e.accountId),
      )
    ).map((l) => [l.account.id, l]),
  );
  return entries.flatMap((e) => {
    const loaded = accounts.get(e.accountId);
    return loaded === undefined ? [] : [{ cursor: e.cursor, loaded }];
  });
}
