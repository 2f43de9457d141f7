// GET /api/v2/search — https://docs.joinmastodon.org/methods/search/#v2
// Public, but paginating (`offset`) and `resolve` need a signed-in user (401 otherwise, with
// Mastodon's messages), and statuses are searched only for one. 20 results per type by
// default, 40 at most (Mastodon clamps).
import { Hono } from "hono";
import { HttpError } from "../../lib/errors.ts";
import { search } from "../../services/search/search.ts";
import { toTag } from "../entities/tag.ts";
import type { Env } from "../env.ts";
import { readOffsetPage } from "../offset-page.ts";
import { readPage } from "../pagination.ts";
import { optionalBoolean, optionalString, readParams, requiredString } from "../params.ts";
import { presentAccount } from "../v1/accounts/hydrate.ts";
import { authorizeIfGotToken } from "../v1/accounts/optional-auth.ts";
import { presentStatuses } from "../v1/statuses/present.ts";

export const searchV2Routes = new Hono<Env>().get(
  "/",
  authorizeIfGotToken(["read:search"]),
  async (c) => {
    const params = await readParams(c);
    const q = requiredString(params, "q");
    const viewerId = c.get("auth")?.user?.accountId ?? null;
    const resolve = optionalBoolean(params, "resolve") ?? false;
    const offsetGiven = params.offset !== undefined && params.offset !== "";
    if (viewerId === null && offsetGiven)
      throw new HttpError(401, "Search queries pagination is not supported without authentication");
    if (viewerId === null && resolve)
      throw new HttpError(
        401,
        "Search queries that resolve remote resources are not supported without authentication",
      );
    const page = readOffsetPage(params, 20, 40);
    // Statuses may also be bounded by id (Mastodon passes max_id / min_id through).
    const ids = readPage(params);
    const ctx = c.var.ctx;
    const results = await search(ctx, q, {
      viewerId,
      type: optionalString(params, "type") || undefined,
      limit: page.limit,
      offset: page.offset,
      resolve,
      following: optionalBoolean(params, "following") ?? false,
      accountId: optionalString(params, "account_id") || undefined,
      excludeUnreviewed: optionalBoolean(params, "exclude_unreviewed") ?? false,
      maxId: ids.maxId,
      minId: ids.minId,
    });
    return c.json({
      accounts: results.accounts.map((a) => presentAccount(ctx, a)),
      statuses: await presentStatuses(ctx, results.statuses, viewerId),
      hashtags: results.hashtags.map((t) => toTag(t, ctx.config.baseUrl)),
    });
  },
);
