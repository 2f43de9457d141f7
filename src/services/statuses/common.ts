// What the status use cases share: the result shapes and the federation seam.
//
// Federation seam: these services take the acting account as a parameter, so the inbox (a
// remote Create, Delete…) will call the same code as the API. A local author's change names
// the activity federation must deliver (`federate`); nothing is sent yet — the federation
// issue turns it into a delivery job addressed by visibility and mentions.
import type { StatusRow } from "../../repos/statuses.ts";

export type StatusActivity = "Create" | "Delete";

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
