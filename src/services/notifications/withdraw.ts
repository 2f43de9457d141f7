// Undoing an event takes its notification away (Mastodon destroys a notification with its
// favourite, boost, follow or follow request), so doing it again notifies again. Called in
// the transaction of the undo; a notify job still pending finds the event gone (notify.ts).
import type { Db } from "../../db/index.ts";
import { dedupeKey, type NotificationType } from "../../domain/notifications.ts";
import { deleteByDedupeKey } from "../../repos/notifications.ts";

export async function withdrawNotification(
  db: Db,
  event: { type: NotificationType; recipientId: string; fromId: string; statusId?: string | null },
): Promise<void> {
  const key = dedupeKey(event.type, event.fromId, event.statusId ?? null);
  if (key !== null) await deleteByDedupeKey(db, event.recipientId, key);
}
