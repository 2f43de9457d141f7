// The live and topic feeds' access settings (domain/feed-access.ts) applied to one request:
// whether it needs a signed-in user and what part of the feed the reader gets.
import type { AppContext } from "../../context.ts";
import {
  type FeedAccessSettings,
  type FeedKind,
  type FeedReader,
  type FeedScope,
  feedNeedsUser,
  readableScope,
} from "../../domain/feed-access.ts";
import { loadSettings } from "../../repos/instance-settings.ts";

export interface FeedGate {
  needsUser: boolean;
  /** The scope to read, or null when the reader may read none of what was asked. */
  scope: FeedScope | null;
}

export async function feedAccessSettings(ctx: AppContext): Promise<FeedAccessSettings> {
  return loadSettings(ctx.db);
}

export async function gateFeed(
  ctx: AppContext,
  kind: FeedKind,
  asked: FeedScope,
  reader: FeedReader,
): Promise<FeedGate> {
  const settings = await feedAccessSettings(ctx);
  return {
    needsUser: feedNeedsUser(settings, kind, asked),
    scope: readableScope(settings, kind, asked, reader),
  };
}
