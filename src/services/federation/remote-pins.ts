// The pinned posts of a remote account, as its server announces them (Add/Remove on its
// `featured` collection): stored as status_pins like ours, so `GET /api/v1/accounts/:id/
// statuses?pinned=true` shows them. Only the account's own public or unlisted posts; a
// bounded number per account (its server could otherwise add without end).
import type { AppContext } from "../../context.ts";
import { countPins, deleteMark, insertPin } from "../../repos/status-interactions.ts";
import type { StatusRow } from "../statuses/common.ts";

/** More than Mastodon's 5 local pins; other software allows more. */
export const REMOTE_PIN_LIMIT = 20;

export async function pinRemoteStatus(
  ctx: AppContext,
  accountId: string,
  status: StatusRow,
): Promise<boolean> {
  if (status.account_id !== accountId || status.local || status.reblog_of_id !== null) return false;
  if (status.deleted_at !== null) return false;
  if (status.visibility !== "public" && status.visibility !== "unlisted") return false;
  if ((await countPins(ctx.db, accountId)) >= REMOTE_PIN_LIMIT) return false;
  return insertPin(ctx.db, {
    accountId,
    statusId: status.id,
    at: ctx.clock.now().toISOString(),
  });
}

export async function unpinRemoteStatus(
  ctx: AppContext,
  accountId: string,
  status: StatusRow,
): Promise<boolean> {
  if (status.account_id !== accountId || status.local) return false;
  return deleteMark(ctx.db, "status_pins", accountId, status.id);
}
