// What GET /api/v1/instance and /api/v2/instance show: the instance info (settings, counts,
// rules) and the contact account, which is stored by username.
import type { AppContext } from "../../context.ts";
import { type AccountRow, findLocalAccountByUsername } from "../../repos/accounts.ts";
import { getInstanceInfo, type InstanceInfo } from "./get-instance-info.ts";

export interface PublicInstance extends InstanceInfo {
  /** The local account people can write to, or null when none is set or it is gone. */
  contactAccount: AccountRow | null;
  /** Web Push's VAPID public key (base64url); empty when the context has none (tests). */
  vapidPublicKey: string;
}

/** The instance as its public documents describe it. */
export async function getPublicInstance(ctx: AppContext): Promise<PublicInstance> {
  const info = await getInstanceInfo(ctx);
  const username = info.settings.contact_account;
  const account = username === "" ? undefined : await findLocalAccountByUsername(ctx.db, username);
  // A suspended contact is no contact: clients would link to an empty profile.
  const contactAccount = account !== undefined && account.suspended_at === null ? account : null;
  return { ...info, contactAccount, vapidPublicKey: ctx.secrets.vapidPublicKey ?? "" };
}
