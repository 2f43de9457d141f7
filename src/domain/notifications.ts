// Notification types and the pure rules around them, as Mastodon 4.5 has them: which types
// carry a status, which group (and how their group key is made), which a policy may filter,
// and the policy's values and defaults.

export const NOTIFICATION_TYPES = [
  "mention",
  "status",
  "reblog",
  "follow",
  "follow_request",
  "favourite",
  "poll",
  "update",
  "admin.sign_up",
  "admin.report",
  "severed_relationships",
  "moderation_warning",
  "quote",
  "quoted_update",
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

/** Types whose entity carries `status` (Mastodon's NotificationSerializer#status_type?). */
const STATUS_TYPES: ReadonlySet<string> = new Set([
  "favourite",
  "reblog",
  "status",
  "mention",
  "poll",
  "update",
  "quote",
  "quoted_update",
]);

export function carriesStatus(type: string): boolean {
  return STATUS_TYPES.has(type);
}

/** Grouped by default (Notification::GROUPABLE_NOTIFICATION_TYPES). */
export const GROUPABLE_TYPES: readonly NotificationType[] = [
  "favourite",
  "reblog",
  "follow",
  "admin.sign_up",
];

export function isGroupable(type: string): boolean {
  return (GROUPABLE_TYPES as readonly string[]).includes(type);
}

/** A group spans at most this many hours from its first notification (Mastodon: 12). */
export const MAXIMUM_GROUP_SPAN_HOURS = 12;
/** Accounts shown per group (NotificationGroup::SAMPLE_ACCOUNTS_SIZE). */
export const SAMPLE_ACCOUNTS_SIZE = 8;

/** The part of a group key before its hour bucket: per status for favourites and boosts. */
export function groupKeyPrefix(type: string, statusId: string | null): string {
  return type === "favourite" || type === "reblog" ? `${type}-${statusId ?? ""}` : type;
}

export function hourBucket(at: Date): number {
  return Math.floor(at.getTime() / 3_600_000);
}

/** The group keys a new notification may join: buckets that started less than 12 h ago. */
export function candidateGroupKeys(prefix: string, bucket: number): string[] {
  const keys: string[] = [];
  for (let b = bucket; b > bucket - MAXIMUM_GROUP_SPAN_HOURS; b--) keys.push(`${prefix}-${b}`);
  return keys;
}

/** The key shown for a notification: its group's, or `ungrouped-<id>`. */
export function shownGroupKey(
  row: { id: string; type: string; group_key: string | null },
  groupedTypes?: readonly string[],
): string {
  const grouped =
    row.group_key !== null && (groupedTypes === undefined || groupedTypes.includes(row.type));
  return grouped && row.group_key !== null ? row.group_key : `ungrouped-${row.id}`;
}

/**
 * Types a policy never filters or drops (Notification::PROPERTIES filterable: false): they
 * come from staff, from the system, or from one's own interactions.
 */
const UNFILTERABLE: ReadonlySet<string> = new Set([
  "admin.sign_up",
  "admin.report",
  "poll",
  "update",
  "moderation_warning",
  "severed_relationships",
  "quoted_update",
]);

export function isFilterable(type: string): boolean {
  return !UNFILTERABLE.has(type);
}

/**
 * Events that notify once whatever happens again (a second job for the same favourite, a
 * follow after an unfollow): keyed by recipient. Edits notify on every edit.
 */
export function dedupeKey(type: string, fromId: string, statusId: string | null): string | null {
  if (type === "update" || type === "quoted_update") return null;
  return `${type}:${fromId}:${statusId ?? ""}`;
}

export const POLICY_VALUES = ["accept", "filter", "drop"] as const;
export type PolicyValue = (typeof POLICY_VALUES)[number];

export function isPolicyValue(value: string): value is PolicyValue {
  return (POLICY_VALUES as readonly string[]).includes(value);
}

export interface NotificationPolicy {
  forNotFollowing: PolicyValue;
  forNotFollowers: PolicyValue;
  forNewAccounts: PolicyValue;
  forPrivateMentions: PolicyValue;
  forLimitedAccounts: PolicyValue;
}

/** Mastodon 4.3's defaults for a user who never changed them. */
export const DEFAULT_POLICY: NotificationPolicy = {
  forNotFollowing: "accept",
  forNotFollowers: "accept",
  forNewAccounts: "accept",
  forPrivateMentions: "filter",
  forLimitedAccounts: "filter",
};

/** An account younger than this is "new" to the policy; a follower younger, not yet one. */
export const NEW_ACCOUNT_THRESHOLD_MS = 30 * 24 * 3_600_000;
export const NEW_FOLLOWER_THRESHOLD_MS = 3 * 24 * 3_600_000;
/** Counts of requests and their notifications stop at this (MAX_MEANINGFUL_COUNT). */
export const MAX_MEANINGFUL_COUNT = 100;

/** What the sender is to the recipient, for the policy. */
export interface SenderFacts {
  /** The recipient follows the sender. */
  followedByRecipient: boolean;
  /** The sender has followed the recipient for at least three days. */
  establishedFollower: boolean;
  newAccount: boolean;
  limited: boolean;
  /** A direct mention that does not answer a conversation the recipient started with them. */
  unsolicitedPrivateMention: boolean;
}

/** accept, filter or drop, per NotifyService's DropCondition then FilterCondition. */
export function applyPolicy(policy: NotificationPolicy, facts: SenderFacts): PolicyValue {
  const verdicts: PolicyValue[] = [];
  if (facts.limited && !facts.followedByRecipient) verdicts.push(policy.forLimitedAccounts);
  if (!facts.followedByRecipient) verdicts.push(policy.forNotFollowing);
  if (!facts.establishedFollower) verdicts.push(policy.forNotFollowers);
  if (facts.newAccount) verdicts.push(policy.forNewAccounts);
  if (facts.unsolicitedPrivateMention && !facts.followedByRecipient)
    verdicts.push(policy.forPrivateMentions);
  if (verdicts.includes("drop")) return "drop";
  return verdicts.includes("filter") ? "filter" : "accept";
}
