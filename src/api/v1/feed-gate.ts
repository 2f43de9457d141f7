// The access settings of the live and topic feeds on their REST timelines, as Mastodon 4.5's
// controllers: `require_user!` when a part asked for is not public (422 "This method requires
// an authenticated user" without a user, 403 for an unconfirmed, pending or disabled one), then
// the feed narrowed to what the reader may read; null means an empty page (200 []).
import type { Context } from "hono";
import type { FeedKind, FeedScope } from "../../domain/feed-access.ts";
import { HttpError } from "../../lib/errors.ts";
import { gateFeed } from "../../services/timelines/feed-access.ts";
import type { Env } from "../env.ts";
import { checkAuth } from "../middleware/auth.ts";

export async function feedScope(
  c: Context<Env>,
  kind: FeedKind,
  asked: FeedScope,
): Promise<FeedScope | null> {
  const user = c.get("auth")?.user ?? null;
  const gate = await gateFeed(c.var.ctx, kind, asked, user === null ? null : { role: user.role });
  if (gate.needsUser) {
    if (user === null) throw new HttpError(422, "This method requires an authenticated user");
    checkAuth(c, { scopes: [], user: true });
  }
  return gate.scope;
}
