// What the favourite, bookmark and pin use cases share: result shapes and the federation seam.
//
// Every one acts only on a status the actor may see (domain/visibility.ts), anything else is a
// 404 so a hidden post cannot be told from a missing one — undoing included: a post that has
// become invisible is no longer listed either. Each write is idempotent and names the activity
// federation must deliver (`federate`) only when something changed; the API edge queues its delivery.

import type { Db } from "../../db/index.ts";
import { findVisibleStatuses } from "../../repos/status-reads.ts";
import type { StatusRow } from "../statuses/common.ts";

export { NOT_FOUND } from "../statuses/common.ts";

/** Like / Undo(Like) for favourites, Add / Remove (the featured collection) for pins. */
export type InteractionActivity = "Like" | "Undo Like" | "Add" | "Remove";

export interface InteractionFederationEffect {
  activity: InteractionActivity;
  actorId: string;
  statusId: string;
  /** The status's author: the recipient when remote. */
  statusAccountId: string;
}

export type InteractionResult =
  | { type: "ok"; status: StatusRow; federate: InteractionFederationEffect | null }
  | { type: "not-found" }
  | { type: "invalid"; message: string };

/** The status if `viewerId` (null: anonymous) may see it. */
export async function visibleStatus(
  db: Db,
  viewerId: string | null,
  statusId: string,
): Promise<StatusRow | undefined> {
  return (await findVisibleStatuses(db, [statusId], viewerId))[0];
}

export function effect(
  activity: InteractionActivity,
  actorId: string,
  status: StatusRow,
): InteractionFederationEffect {
  return { activity, actorId, statusId: status.id, statusAccountId: status.account_id };
}
