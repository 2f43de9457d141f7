// GET /api/v2/search — https://docs.joinmastodon.org/methods/search/#v2
// Accounts, hashtags and statuses at once, or one `type` (an unknown type finds nothing, as
// Mastodon). `offset` applies only with a type. Statuses are searched only for a signed-in
// viewer, under Mastodon 4.2's rule (repos/search.ts) and the visibility rule. With
// `resolve`, a URL is looked up (resolve.ts) instead of searched as text.
import type { AppContext } from "../../context.ts";
import { isId } from "../../domain/id.ts";
import { isUrlQuery, normalizeQuery, searchTerms } from "../../domain/search-query.ts";
import { normalizeTagName } from "../../domain/tags.ts";
import { searchStatuses, searchTags } from "../../repos/search.ts";
import type { StatusRow } from "../../repos/statuses.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";
import { type LoadedTag, loadTags, tagRef } from "../tags/common.ts";
import { resolveUrl } from "./resolve.ts";
import { searchAccounts } from "./search-accounts.ts";

export type SearchType = "accounts" | "hashtags" | "statuses";

export interface SearchOptions {
  viewerId: string | null;
  /** undefined: all three; any other string: none. */
  type: string | undefined;
  limit: number;
  offset: number;
  resolve: boolean;
  following: boolean;
  /** Statuses of this account only. */
  accountId: string | undefined;
  excludeUnreviewed: boolean;
  maxId: string | undefined;
  minId: string | undefined;
}

export interface SearchResults {
  accounts: LoadedAccount[];
  hashtags: LoadedTag[];
  /** Rows for the caller to hydrate (they already passed the visibility rule). */
  statuses: StatusRow[];
}

const EMPTY: SearchResults = { accounts: [], hashtags: [], statuses: [] };

export async function search(
  ctx: AppContext,
  rawQuery: string,
  options: SearchOptions,
): Promise<SearchResults> {
  const query = normalizeQuery(rawQuery);
  if (query === "" || options.limit <= 0) return EMPTY;
  const wants = (type: SearchType) => options.type === undefined || options.type === type;
  const offset = options.type === undefined ? 0 : options.offset;

  if (options.resolve && isUrlQuery(query)) {
    if (offset > 0) return EMPTY;
    const found = await resolveUrl(ctx, query, options.viewerId);
    if (found?.type === "account" && wants("accounts"))
      return { ...EMPTY, accounts: await withRoles(ctx, [found.account]) };
    if (found?.type === "status" && wants("statuses"))
      return { ...EMPTY, statuses: [found.status] };
    return EMPTY;
  }

  const accounts = wants("accounts")
    ? await searchAccounts(ctx, query, {
        viewerId: options.viewerId,
        limit: options.limit,
        offset,
        following: options.following,
        resolve: options.resolve,
      })
    : [];
  // An account_id that cannot be an id names no account: no statuses (never a SQL error).
  const accountOk = options.accountId === undefined || isId(options.accountId);
  const statuses =
    wants("statuses") && options.viewerId !== null && accountOk
      ? await searchStatuses(ctx.db, ctx.dialect, {
          terms: searchTerms(query),
          viewerId: options.viewerId,
          accountId: options.accountId,
          maxId: options.maxId,
          minId: options.minId,
          limit: options.limit,
          offset,
          now: ctx.clock.now().toISOString(),
        })
      : [];
  const hashtags = wants("hashtags") ? await searchHashtags(ctx, query, options, offset) : [];
  return { accounts, hashtags, statuses };
}

async function searchHashtags(
  ctx: AppContext,
  query: string,
  options: SearchOptions,
  offset: number,
): Promise<LoadedTag[]> {
  // Mastodon: a query with `@` is an address, never a hashtag.
  if (query.includes("@")) return [];
  const prefix = normalizeTagName(query.replace(/^#/, "").trim());
  if (prefix === "") return [];
  const rows = await searchTags(ctx.db, prefix, {
    limit: options.limit,
    offset,
    excludeUnreviewed: options.excludeUnreviewed,
  });
  return loadTags(ctx, rows.map(tagRef), options.viewerId);
}
