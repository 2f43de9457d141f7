// Who an activity goes to, as Fedify Recipients (actor id, inbox, shared inbox): the remote
// followers of the acting account and the remote accounts named (mentions, authors, targets).
// Local accounts are never recipients: they have no inbox and see the change in our database.
import type { Recipient } from "@fedify/vocab";
import type { AppContext } from "../../context.ts";
import {
  findRemoteRecipients,
  listRemoteFollowers,
  type RemoteRecipientRow,
} from "../../repos/deliveries.ts";

export function toRecipient(row: Omit<RemoteRecipientRow, "id">): Recipient {
  return {
    id: new URL(row.uri),
    inboxId: row.inbox === null ? null : new URL(row.inbox),
    endpoints: row.sharedInbox === null ? null : { sharedInbox: new URL(row.sharedInbox) },
  };
}

/** The remote accounts among `ids`. */
export async function accountsAmong(app: AppContext, ids: readonly string[]): Promise<Recipient[]> {
  const unique = [...new Set(ids)];
  return (await findRemoteRecipients(app.db, unique)).map(toRecipient);
}

/** The remote followers of `accountId` plus the remote accounts among `ids`. */
export async function followersAnd(
  app: AppContext,
  accountId: string,
  ids: readonly string[],
): Promise<Recipient[]> {
  const [followers, named] = await Promise.all([
    listRemoteFollowers(app.db, accountId),
    accountsAmong(app, ids),
  ]);
  return [...followers.map(toRecipient), ...named];
}
