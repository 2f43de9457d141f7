// Who may read the live feeds (public timelines and their streams) and the topic feeds
// (hashtag and link timelines, hashtag streams): Mastodon 4.5's four settings
// local_live_feed_access, remote_live_feed_access, local_topic_feed_access and
// remote_topic_feed_access, each `public` (anyone), `authenticated` (signed-in users) or
// `disabled` (only staff whose role has view_feeds). As Mastodon's controllers and feeds:
//   - a request needs a user when a part it asks for is not `public` (the whole feed asks for
//     both parts);
//   - a part the reader may not read is left out: the whole feed shrinks to the other part,
//     and a feed with nothing left is empty (200 []), not an error.
import type { FeedAccessValue, InstanceSettings } from "./instance-settings.ts";
import { can } from "./permissions.ts";

export type FeedAccess = FeedAccessValue;

/** `live`: the public timelines and streams; `topic`: hashtag and link timelines and streams. */
export type FeedKind = "live" | "topic";
export type FeedScope = "all" | "local" | "remote";

/** The reader: null when signed out; `role` is users.role (null for an ordinary user). */
export type FeedReader = { role: string | null } | null;

export type FeedAccessSettings = Pick<
  InstanceSettings,
  | "local_live_feed_access"
  | "remote_live_feed_access"
  | "local_topic_feed_access"
  | "remote_topic_feed_access"
>;

export function feedAccessOf(
  settings: FeedAccessSettings,
  kind: FeedKind,
): { local: FeedAccess; remote: FeedAccess } {
  return kind === "live"
    ? { local: settings.local_live_feed_access, remote: settings.remote_live_feed_access }
    : { local: settings.local_topic_feed_access, remote: settings.remote_topic_feed_access };
}

export function mayReadFeed(access: FeedAccess, reader: FeedReader): boolean {
  if (access === "public") return true;
  if (reader === null) return false;
  return access === "authenticated" || can(reader.role, "view_feeds");
}

/** Mastodon's `require_auth?`: does asking for `scope` need a signed-in user? */
export function feedNeedsUser(
  settings: FeedAccessSettings,
  kind: FeedKind,
  scope: FeedScope,
): boolean {
  const access = feedAccessOf(settings, kind);
  if (scope === "local") return access.local !== "public";
  if (scope === "remote") return access.remote !== "public";
  return access.local !== "public" || access.remote !== "public";
}

/** What the reader gets of the feed asked for: a narrower scope, or null for nothing. */
export function readableScope(
  settings: FeedAccessSettings,
  kind: FeedKind,
  scope: FeedScope,
  reader: FeedReader,
): FeedScope | null {
  const access = feedAccessOf(settings, kind);
  const local = (scope === "all" || scope === "local") && mayReadFeed(access.local, reader);
  const remote = (scope === "all" || scope === "remote") && mayReadFeed(access.remote, reader);
  return local && remote ? "all" : local ? "local" : remote ? "remote" : null;
}
