// Notifications v1 — https://docs.joinmastodon.org/methods/notifications/
// One list per reader, newest first, paginated by notification id. `types[]` narrows to those
// types and `exclude_types[]` removes some (unknown names are ignored, as Mastodon);
// `account_id` shows one sender's, filtered ones included; `include_filtered` adds the
// notifications the policy filtered. unread_count counts those after the notifications
// marker (all of them without one), 100 by default and 1000 at most, minus those a `hide`
// filter for `notifications` leaves out of the list (api/v1/notifications/present.ts).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { NOTIFICATION_TYPES } from "../../domain/notifications.ts";
import { countUnread, findUnread } from "../../repos/notification-groups.ts";
import {
  findNotification,
  findNotificationPage,
  findNotificationsMarker,
  type NotificationFilter,
} from "../../repos/notifications.ts";
import { statusHider } from "../filters/apply-filters.ts";
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
  const filter = notificationFilter(options);
  const hider = await statusHider(ctx, accountId, "notifications");
  if (hider === null) return countUnread(ctx.db, accountId, filter, marker, limit, groupedTypes);
  // What a `hide` filter removes from the list is not counted either: read up to `limit`,
  // check the statuses not checked yet, and read again without the hidden ones until a read
  // brings no newly hidden status (each round checks new statuses, so this ends).
  const hidden = new Set<string>();
  const checked = new Set<string>();
  for (;;) {
    const rows = await findUnread(ctx.db, accountId, filter, marker, limit, groupedTypes, [
      ...hidden,
    ]);
    const fresh = [
      ...new Set(
        rows.flatMap((r) => (r.statusId === null || checked.has(r.statusId) ? [] : [r.statusId])),
      ),
    ];
    if (fresh.length === 0) return rows.length;
    for (const id of fresh) checked.add(id);
    const newlyHidden = await hider(fresh);
    if (newlyHidden.size === 0) return rows.length;
    for (const id of newlyHidden) hidden.add(id);
  }
}
