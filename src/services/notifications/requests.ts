// Notification requests — https://docs.joinmastodon.org/methods/notifications/#get-requests
// A request gathers the filtered mentions from one sender. Accepting it (Mastodon's
// AcceptNotificationRequestService) lets the sender through from now on (a permission) and
// moves their filtered notifications into the list, at once here where Mastodon uses a job,
// so `merged` is always true; a `notifications_merged` event tells live clients to reload.
// Dismissing it drops the request and the filtered notifications behind it; a later filtered
// mention opens a new one. Bulk accept and dismiss take `id[]` and skip ids not the reader's.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { channels, encodeStreamMessage } from "../../domain/streaming.ts";
import {
  deleteRequest,
  findRequestPage,
  findRequests,
  insertPermission,
  type RequestRow,
} from "../../repos/notification-requests.ts";
import { deleteNotifications, unfilterFrom } from "../../repos/notifications.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import { type LoadedAccount, loadAccounts } from "../profiles/load-accounts.ts";
import type { StatusRow } from "../statuses/common.ts";

export interface LoadedRequest {
  request: RequestRow;
  account: LoadedAccount;
  lastStatus: StatusRow | null;
}

/** Accounts and last statuses for a page of requests: two lookups, whatever its size. */
async function hydrate(
  ctx: AppContext,
  accountId: string,
  rows: RequestRow[],
): Promise<LoadedRequest[]> {
  const accounts = new Map(
    (
      await loadAccounts(
        ctx,
        rows.map((r) => r.from_account_id),
      )
    ).map((a) => [a.account.id, a]),
  );
  const statusIds = rows.flatMap((r) => (r.last_status_id === null ? [] : [r.last_status_id]));
  const statuses = new Map(
    (await findVisibleStatuses(ctx.db, statusIds, accountId)).map((s) => [s.id, s]),
  );
  return rows.flatMap((request) => {
    const account = accounts.get(request.from_account_id);
    if (account === undefined) return [];
    const lastStatus =
      request.last_status_id === null ? null : (statuses.get(request.last_status_id) ?? null);
    return [{ request, account, lastStatus }];
  });
}

export async function listRequests(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<{ requests: LoadedRequest[]; cursors: string[] }> {
  const rows = await findRequestPage(ctx.db, accountId, page);
  return { requests: await hydrate(ctx, accountId, rows), cursors: rows.map((r) => r.id) };
}

export async function getRequest(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<LoadedRequest | undefined> {
  return (await hydrate(ctx, accountId, await findRequests(ctx.db, accountId, [id])))[0];
}

/** Accepts the reader's requests among `ids`; returns how many there were. */
export async function acceptRequests(
  ctx: AppContext,
  accountId: string,
  ids: readonly string[],
): Promise<number> {
  const rows = await findRequests(ctx.db, accountId, ids);
  if (rows.length === 0) return 0;
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await insertPermission(trx, {
        id: ctx.newId(),
        accountId,
        fromAccountId: row.from_account_id,
        at,
      });
      await unfilterFrom(trx, accountId, row.from_account_id);
      await deleteRequest(trx, row.id);
    }
  });
  const message = encodeStreamMessage({ event: "notifications_merged", payload: "1" });
  await ctx.pubsub.publish(channels.notifications(accountId), message);
  await ctx.pubsub.publish(channels.home(accountId), message);
  return rows.length;
}

/** Dismisses the reader's requests among `ids`; returns how many there were. */
export async function dismissRequests(
  ctx: AppContext,
  accountId: string,
  ids: readonly string[],
): Promise<number> {
  const rows = await findRequests(ctx.db, accountId, ids);
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await deleteNotifications(trx, accountId, {
        fromAccountId: row.from_account_id,
        filteredOnly: true,
      });
      await deleteRequest(trx, row.id);
    }
  });
  return rows.length;
}
