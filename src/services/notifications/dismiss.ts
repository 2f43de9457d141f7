// Removing notifications — https://docs.joinmastodon.org/methods/notifications/#dismiss
// clear: all of the reader's; dismiss: one (v1, by id) or a whole group (v2, by group key,
// `ungrouped-<id>` naming one). Dismissing what is not there still answers {} (Mastodon's
// v2 does; v1's dismiss of an unknown id is a 404, as its find! is).
import type { AppContext } from "../../context.ts";
import { deleteNotifications } from "../../repos/notifications.ts";

export async function clearNotifications(ctx: AppContext, accountId: string): Promise<void> {
  await deleteNotifications(ctx.db, accountId);
}

/** false when the reader has no notification with this id. */
export async function dismissNotification(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<boolean> {
  return (await deleteNotifications(ctx.db, accountId, { id })) > 0;
}

export async function dismissGroup(
  ctx: AppContext,
  accountId: string,
  groupKey: string,
): Promise<void> {
  const ungrouped = /^ungrouped-(\d+)$/.exec(groupKey);
  await deleteNotifications(
    ctx.db,
    accountId,
    ungrouped?.[1] !== undefined ? { id: ungrouped[1] } : { groupKey },
  );
}
