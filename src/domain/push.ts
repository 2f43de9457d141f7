// Web Push as Mastodon has it (Web::PushSubscription, Web::NotificationSerializer): the alert
// types a subscription may turn on, its policy, whether a notification is pushed, and the
// title and body of the message the browser shows.
import { htmlToText } from "./text/sanitize-html.ts";

/** Keys of `data[alerts]` (Notification::TYPES less the ones Mastodon never pushes). */
export const PUSH_ALERT_TYPES = [
  "mention",
  "quote",
  "status",
  "reblog",
  "follow",
  "follow_request",
  "favourite",
  "poll",
  "update",
  "quoted_update",
  "admin.sign_up",
  "admin.report",
] as const;

export type PushAlertType = (typeof PUSH_ALERT_TYPES)[number];
export type PushAlerts = Record<PushAlertType, boolean>;

/** Whose notifications are pushed: everyone's, accounts I follow, my followers, nobody's. */
export const PUSH_POLICIES = ["all", "followed", "follower", "none"] as const;
export type PushPolicy = (typeof PUSH_POLICIES)[number];

export function isPushPolicy(value: string): value is PushPolicy {
  return (PUSH_POLICIES as readonly string[]).includes(value);
}

/** Every alert, off unless `given` turns it on (unknown keys are dropped). */
export function normalizeAlerts(given: Readonly<Record<string, boolean>>): PushAlerts {
  const alerts = {} as PushAlerts;
  for (const type of PUSH_ALERT_TYPES) alerts[type] = given[type] === true;
  return alerts;
}

export interface PushRelation {
  /** The recipient follows the notification's sender. */
  recipientFollows: boolean;
  /** The sender follows the recipient. */
  senderFollows: boolean;
}

/** Web::PushSubscription#pushable?: the alert is on and the policy lets the sender through. */
export function isPushable(
  subscription: { alerts: Readonly<Record<string, boolean>>; policy: string },
  type: string,
  relation: PushRelation,
): boolean {
  if (subscription.alerts[type] !== true) return false;
  switch (subscription.policy) {
    case "all":
      return true;
    case "followed":
      return relation.recipientFollows;
    case "follower":
      return relation.senderFollows;
    default:
      return false;
  }
}

/** Mastodon's notification_mailer.<type>.subject, in English (the payload has the locale). */
const TITLES: Record<string, (name: string) => string> = {
  mention: (name) => `You were mentioned by ${name}`,
  status: (name) => `${name} just posted`,
  reblog: (name) => `${name} boosted your post`,
  follow: (name) => `${name} is now following you`,
  follow_request: (name) => `Pending follower: ${name}`,
  favourite: (name) => `${name} favorited your post`,
  poll: (name) => `A poll by ${name} has ended`,
  update: (name) => `${name} edited a post`,
  quote: (name) => `${name} quoted your post`,
  quoted_update: (name) => `${name} edited a post you have quoted`,
  "admin.sign_up": (name) => `${name} signed up`,
  "admin.report": (name) => `${name} submitted a report`,
};

export function pushTitle(type: string, displayName: string, username: string): string {
  const name = displayName.trim() === "" ? username : displayName;
  return (TITLES[type] ?? ((n: string) => `New notification from ${n}`))(name);
}

/** Longest body, in characters, the "..." included (Rails' truncate, as Mastodon calls it). */
export const PUSH_BODY_LENGTH = 140;

/** The status's content warning, else its text, else the sender's bio: plain, ≤ 140 chars. */
export function pushBody(parts: {
  spoilerText: string | null;
  /** Plain source text (local posts) or HTML content (remote ones). */
  text: string | null;
  note: string;
}): string {
  const raw =
    (parts.spoilerText ?? "").trim() !== ""
      ? (parts.spoilerText as string)
      : (parts.text ?? "").trim() !== ""
        ? (parts.text as string)
        : parts.note;
  const plain = htmlToText(raw).trim();
  const chars = [...plain];
  if (chars.length <= PUSH_BODY_LENGTH) return plain;
  return `${chars.slice(0, PUSH_BODY_LENGTH - 3).join("")}...`;
}
