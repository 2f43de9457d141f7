// Notifications v1 — https://docs.joinmastodon.org/methods/notifications/
// One list per reader, newest first, paginated by notification id. `types[]` narrows to those
// types and `exclude_types[]` removes some (unknown names are ignored, as Mastodon);
// `account_id` shows one sender's, filtered ones included; `include_filtered` adds the
// notifications the policy filtered. unread_count counts those after the notifications
// marker (all of them without one), 100 by default and 1000 at most.
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { NOTIFICATION_TYPES } from "../../domain/notifications.ts";
import { countUnread } from "../../repos/notification-groups.ts";
import {
  findNotification,
  findNotificationPage,
  findNotificationsMarker,
  type NotificationFilter,
} from "../../repos/notifications.ts";
import { type LoadedNotifications, loadNotifications } from "./load-notifications.ts";

export interface ListOptions {
  types: readonly string[];
  excludeTypes: readonly string[];
  fromAccountId?: string | undefined;
  includeFiltered: boolean;
}

/** Mastodon's browserable(): the types asked for (all when none) minus the excluded ones. */
export function notificationFilter(options: ListOptions): NotificationFilter {
  const asked =
    options.types.length === 0
      ? [...NOTIFICATION_TYPES]
      : NOTIFICATION_TYPES.filter((t) => options.types.includes(t));
  const types = asked.filter((t) => !options.excludeTypes.includes(t));
  return {
    types: types.length === NOTIFICATION_TYPES.length ? null : types,
    fromAccountId: options.fromAccountId,
    includeFiltered: options.includeFiltered,
  };
}

export interface NotificationPage extends LoadedNotifications {
  /** Ids of the page before hydration dropped any: the Link header's cursors. */
  cursors: string[];
}

export async function listNotifications(
  ctx: AppContext,
  accountId: string,
  options: ListOptions,
  page: Page,
): Promise<NotificationPage> {
  const rows = await findNotificationPage(ctx.db, accountId, notificationFilter(options), page);
  return { ...(await loadNotifications(ctx, accountId, rows)), cursors: rows.map((r) => r.id) };
}

export async function getNotification(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<LoadedNotifications | undefined> {
  const row = await findNotification(ctx.db, accountId, id);
  if (row === undefined) return undefined;
  const loaded = await loadNotifications(ctx, accountId, [row]);
  return loaded.rows.length === 0 ? undefined : loaded;
}

export async function unreadCount(
  ctx: AppContext,
  accountId: string,
  options: ListOptions,
  limit: number,
  groupedTypes?: readonly string[],
): Promise<number> {
  const marker = await findNotificationsMarker(ctx.db, accountId);
  return countUnread(ctx.db, accountId, notificationFilter(options), marker, limit, groupedTypes);
}
