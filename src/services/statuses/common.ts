// What the status use cases share: the result shapes and the federation seam.
//
// Federation seam: these services take the acting account as a parameter, so the inbox (a
// remote Create, Delete…) will call the same code as the API. A local author's change names
// the activity federation must deliver (`federate`); the API edge turns it into a delivery job
// (services/federation/enqueue-delivery.ts) addressed by visibility and mentions.
import type { StatusRow } from "../../repos/statuses.ts";

/**
 * Update: an edit (edit-status.ts), delivered to everyone who got the Create. Undo Announce:
 * one's boost deleted through DELETE /api/v1/statuses/:id (as interactions/unreblog.ts).
 */
export type StatusActivity = "Create" | "Delete" | "Update" | "Undo Announce";

export interface StatusFederationEffect {
  activity: StatusActivity;
  statusId: string;
  /** Every account mentioned, silently or not: federation picks the remote ones as recipients. */
  mentionedAccountIds: string[];
}

export const NOT_FOUND = { type: "not-found" } as const;

/** Ids of our own posts: `/ap/statuses/<id>` (stable), shown at `/@user/<id>`. */
export function localStatusUris(
  baseUrl: string,
  username: string,
  id: string,
): { uri: string; url: string } {
  return { uri: `${baseUrl}/ap/statuses/${id}`, url: `${baseUrl}/@${username}/${id}` };
}

export type { StatusRow };
