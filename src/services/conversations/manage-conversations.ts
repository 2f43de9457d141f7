// Direct conversations — https://docs.joinmastodon.org/methods/conversations/
// The viewer's conversations, newest post first (paged by the newest post's id), each with
// its other participants and its newest post the viewer may still see; mark one read (or
// unread again), or remove it from the list (the posts stay; a new message brings it back).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { isId } from "../../domain/id.ts";
import {
  type AccountConversationRow,
  deleteAccountConversation,
  findAccountConversation,
  findConversationPage,
  updateAccountConversation,
} from "../../repos/account-conversations.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import type { StatusRow } from "../statuses/common.ts";

export interface LoadedConversation {
  row: AccountConversationRow;
  accounts: LoadedAccount[];
  lastStatus: StatusRow | null;
}

/** Hydrates rows in a fixed number of queries: participants, then the last posts. */
export async function loadConversations(
  ctx: AppContext,
  viewerId: string,
  rows: AccountConversationRow[],
): Promise<LoadedConversation[]> {
  if (rows.length === 0) return [];
  // No other participant: a note to oneself shows the viewer (as Mastodon).
  const idsOf = (r: AccountConversationRow) =>
    r.participant_account_ids.length === 0 ? [viewerId] : r.participant_account_ids.map(String);
  const accounts = await loadAccounts(ctx, [...new Set(rows.flatMap(idsOf))]);
  const byId = new Map(accounts.map((a) => [a.account.id, a]));
  const statuses = await findVisibleStatuses(
    ctx.db,
    rows.map((r) => String(r.last_status_id)),
    viewerId,
  );
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  return rows.map((row) => ({
    row,
    accounts: idsOf(row).flatMap((id) => byId.get(id) ?? []),
    lastStatus: statusById.get(String(row.last_status_id)) ?? null,
  }));
}

export async function listConversations(
  ctx: AppContext,
  viewerId: string,
  page: Page,
): Promise<LoadedConversation[]> {
  return loadConversations(ctx, viewerId, await findConversationPage(ctx.db, viewerId, page));
}

/**
 * Marks it read (or unread again: Mastodon's undocumented POST …/unread); undefined when it
 * is not the viewer's conversation (404).
 */
export async function markConversationRead(
  ctx: AppContext,
  viewerId: string,
  id: string,
  unread = false,
): Promise<LoadedConversation | undefined> {
  const row = await findAccountConversation(ctx.db, viewerId, id);
  if (row === undefined) return undefined;
  await updateAccountConversation(ctx.db, id, {
    unread,
    updated_at: ctx.clock.now().toISOString(),
  });
  const [loaded] = await loadConversations(ctx, viewerId, [{ ...row, unread }]);
  return loaded;
}

/** One conversation of the viewer's, for the streaming `conversation` event. */
export async function getConversation(ctx: AppContext, viewerId: string, id: string) {
  if (!isId(id)) return undefined;
  const row = await findAccountConversation(ctx.db, viewerId, id);
  if (row === undefined) return undefined;
  const [loaded] = await loadConversations(ctx, viewerId, [row]);
  return loaded;
}

/** false when it is not the viewer's conversation. */
export function removeConversation(ctx: AppContext, viewerId: string, id: string) {
  return deleteAccountConversation(ctx.db, viewerId, id);
}
