// List members — https://docs.joinmastodon.org/methods/lists/#accounts-add
// Only accounts the owner follows may be added (or the owner themselves), else 422 as
// Mastodon's ListAccount validation; the membership hangs on the follow, so unfollowing or a
// block removes it. Adding merges the member's recent posts into the list feed, removing
// takes them out (jobs, enqueued in the same transaction).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { isId } from "../../domain/id.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import {
  deleteListAccounts,
  findFollowIds,
  findListMemberIds,
  findOwnList,
  insertListAccounts,
} from "../../repos/lists.ts";
import { findAccountsByIds } from "../../repos/profiles.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import { enqueueListFeedChange } from "./common.ts";

async function ownList(ctx: AppContext, ownerId: string, listId: string) {
  const list = await findOwnList(ctx.db, ownerId, listId);
  if (list === undefined) throw notFound();
  return list;
}

export async function addListMembers(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  await ownList(ctx, ownerId, listId);
  const ids = [...new Set(accountIds)];
  if (!ids.every(isId)) throw notFound();
  const found = await findAccountsByIds(ctx.db, ids);
  if (found.length !== ids.length) throw notFound();
  const follows = await findFollowIds(ctx.db, ownerId, ids);
  const members = ids.map((accountId) => ({
    accountId,
    followId: accountId === ownerId ? null : (follows.get(accountId) ?? null),
  }));
  if (members.some((m) => m.accountId !== ownerId && m.followId === null)) {
    throw unprocessable("Validation failed: Account follow relationship missing");
  }
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const added = await insertListAccounts(trx, listId, members, at);
    await enqueueListFeedChange(ctx, trx, "merge", listId, added);
  });
}

export async function removeListMembers(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  await ownList(ctx, ownerId, listId);
  const ids = [...new Set(accountIds)].filter(isId);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteListAccounts(trx, listId, ids);
    await enqueueListFeedChange(ctx, trx, "unmerge", listId, removed);
  });
}

/** Members, newest account first; `page` null: all of them (limit=0). */
export async function listMembers(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  page: Page | null,
): Promise<{ ids: string[]; accounts: LoadedAccount[] }> {
  await ownList(ctx, ownerId, listId);
  const ids = await findListMemberIds(ctx.db, listId, page);
  return { ids, accounts: await loadAccounts(ctx, ids) };
}
