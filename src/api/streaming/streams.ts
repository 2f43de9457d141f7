// Stream names → pub/sub channels, as Mastodon's streaming server maps them
// (channelNameToIds), with its scope rule and errors:
//   every stream needs a user token (Mastodon 4.2+); the public and hashtag streams no scope,
//   `user:notification` read or read:notifications, the others read or read:statuses
//   (missing: 401 "Access token does not have the required scopes");
//   an unknown name: 400 "Unknown stream type"; hashtag without `tag`: 400 "Missing tag name
//   parameter"; list without `list`: 400 "Missing list name parameter"; a list that is not the
//   viewer's: 401 "Not authorized to stream this list".
// The `user` stream carries notifications only for tokens that may read them.
// The live and topic feed access settings do not refuse a subscription (every stream has a user
// already): as Mastodon's streaming server, events from a part of a feed the viewer may not read
// (a `disabled` one, without view_feeds) are dropped (render.ts).
import type { AppContext } from "../../context.ts";
import type { FeedKind } from "../../domain/feed-access.ts";
import { scopeAllows } from "../../domain/scopes.ts";
import { channels } from "../../domain/streaming.ts";
import { normalizeTagName } from "../../domain/tags.ts";
import { HttpError } from "../../lib/errors.ts";
import { getList } from "../../services/lists/manage-lists.ts";

export interface StreamAuth {
  tokenId: string;
  accountId: string;
  scopes: string[];
  /** users.role, for the feed access settings (staff with view_feeds read disabled feeds). */
  role?: string | null | undefined;
}

export interface StreamParams {
  tag?: string | undefined;
  list?: string | undefined;
}

export interface ResolvedStream {
  /** What frames carry as `stream`: ["hashtag", "<tag as asked>"], ["list", "<id>"], ["user"]. */
  name: string[];
  channels: string[];
  /** Public streams drop posts whose author or mentions the viewer blocks or mutes. */
  filter: boolean;
  /** The feed whose access settings apply (public: live, hashtag: topic), or null. */
  feed: FeedKind | null;
  /** One subscription per distinct set of channels (a repeated subscribe is ignored). */
  key: string;
}

const PUBLIC_STREAMS: Record<string, { scope: "all" | "local" | "remote"; media: boolean }> = {
  public: { scope: "all", media: false },
  "public:media": { scope: "all", media: true },
  "public:local": { scope: "local", media: false },
  "public:local:media": { scope: "local", media: true },
  "public:remote": { scope: "remote", media: false },
  "public:remote:media": { scope: "remote", media: true },
};

const NO_SCOPE_NEEDED = new Set([...Object.keys(PUBLIC_STREAMS), "hashtag", "hashtag:local"]);

function checkScopes(auth: StreamAuth, name: string): void {
  if (NO_SCOPE_NEEDED.has(name)) return;
  const needed = name === "user:notification" ? "read:notifications" : "read:statuses";
  if (!scopeAllows(auth.scopes, needed))
    throw new HttpError(401, "Access token does not have the required scopes");
}

function resolved(
  name: string[],
  list: string[],
  filter: boolean,
  feed: FeedKind | null = null,
): ResolvedStream {
  return { name, channels: list, filter, feed, key: list.join(";") };
}

async function ownsList(ctx: AppContext, accountId: string, listId: string): Promise<boolean> {
  return (await getList(ctx, accountId, listId)) !== undefined;
}

export async function resolveStream(
  ctx: AppContext,
  auth: StreamAuth,
  name: string,
  params: StreamParams,
): Promise<ResolvedStream> {
  checkScopes(auth, name);
  const me = auth.accountId;
  const pub = PUBLIC_STREAMS[name];
  if (pub !== undefined)
    return resolved([name], [channels.public(pub.scope, pub.media)], true, "live");
  switch (name) {
    case "user": {
      const list = [channels.home(me)];
      if (scopeAllows(auth.scopes, "read:notifications")) list.push(channels.notifications(me));
      return resolved([name], list, false);
    }
    case "user:notification":
      return resolved([name], [channels.notifications(me)], false);
    case "direct":
      return resolved([name], [channels.direct(me)], false);
    case "hashtag":
    case "hashtag:local": {
      const tag = normalizeTagName((params.tag ?? "").replace(/^#/, ""));
      if (tag === "") throw new HttpError(400, "Missing tag name parameter");
      return resolved(
        [name, params.tag ?? tag],
        [channels.hashtag(tag, name === "hashtag:local")],
        true,
        "topic",
      );
    }
    case "list": {
      const id = params.list ?? "";
      if (id === "") throw new HttpError(400, "Missing list name parameter");
      if (!/^\d{1,20}$/.test(id) || !(await ownsList(ctx, me, id)))
        throw new HttpError(401, "Not authorized to stream this list");
      return resolved([name, id], [channels.list(id)], false);
    }
    default:
      throw new HttpError(400, "Unknown stream type");
  }
}
