// The notification policy — https://docs.joinmastodon.org/methods/notifications/#get-policy
// A user who never changed it has Mastodon's defaults (no row is written until they do).
// The summary counts pending requests and their notifications, each capped at 100.
import type { AppContext } from "../../context.ts";
import {
  DEFAULT_POLICY,
  isPolicyValue,
  MAX_MEANINGFUL_COUNT,
  type NotificationPolicy,
  type PolicyValue,
} from "../../domain/notifications.ts";
import { findPolicy, type PolicyRow, upsertPolicy } from "../../repos/notification-policies.ts";
import { summarizeRequests } from "../../repos/notification-requests.ts";

export interface PolicyView {
  policy: NotificationPolicy;
  summary: { pendingRequests: number; pendingNotifications: number };
}

/** Rails' human attribute name: forNotFollowers → "For not followers". */
const humanName = (key: string) => {
  const words = key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const read = (v: string): PolicyValue => (isPolicyValue(v) ? v : "accept");

export function policyOf(row: PolicyRow | undefined): NotificationPolicy | undefined {
  if (row === undefined) return undefined;
  return {
    forNotFollowing: read(row.for_not_following),
    forNotFollowers: read(row.for_not_followers),
    forNewAccounts: read(row.for_new_accounts),
    forPrivateMentions: read(row.for_private_mentions),
    forLimitedAccounts: read(row.for_limited_accounts),
  };
}

export async function getPolicy(ctx: AppContext, accountId: string): Promise<PolicyView> {
  const policy = policyOf(await findPolicy(ctx.db, accountId)) ?? DEFAULT_POLICY;
  const counts = await summarizeRequests(ctx.db, accountId, MAX_MEANINGFUL_COUNT);
  return {
    policy,
    summary: { pendingRequests: counts.requests, pendingNotifications: counts.notifications },
  };
}

export type PolicyChanges = Partial<Record<keyof NotificationPolicy, string>>;

export type UpdatePolicyResult =
  | { type: "ok"; view: PolicyView }
  | { type: "invalid"; message: string };

/** Changes the named fields; any other value than accept, filter or drop is a 422. */
export async function updatePolicy(
  ctx: AppContext,
  accountId: string,
  changes: PolicyChanges,
): Promise<UpdatePolicyResult> {
  const current = policyOf(await findPolicy(ctx.db, accountId)) ?? DEFAULT_POLICY;
  const next: NotificationPolicy = { ...current };
  for (const [key, value] of Object.entries(changes) as [keyof NotificationPolicy, string][]) {
    if (value === undefined) continue;
    if (!isPolicyValue(value))
      return {
        type: "invalid",
        message: `Validation failed: ${humanName(key)} is not included in the list`,
      };
    next[key] = value;
  }
  const at = ctx.clock.now().toISOString();
  await upsertPolicy(ctx.db, {
    account_id: accountId,
    for_not_following: next.forNotFollowing,
    for_not_followers: next.forNotFollowers,
    for_new_accounts: next.forNewAccounts,
    for_private_mentions: next.forPrivateMentions,
    for_limited_accounts: next.forLimitedAccounts,
    created_at: at,
    updated_at: at,
  });
  return { type: "ok", view: await getPolicy(ctx, accountId) };
}
