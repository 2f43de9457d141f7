// Account search, shared by GET /api/v2/search and GET /api/v1/accounts/search — as
// Mastodon's AccountSearchService: an address with a host (`user@host`) matches usernames on
// that host by prefix; other text matches usernames, display-name words and domains by
// prefix. The exact account comes first. A query starting with `#` is a hashtag search and
// finds no accounts.
import type { AppContext } from "../../context.ts";
import {
  MAX_ACCOUNT_TERMS,
  normalizeQuery,
  parseAccountAddress,
} from "../../domain/search-query.ts";
import { searchAccounts as findAccounts } from "../../repos/search.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";
import { resolveAccount } from "./resolve.ts";

export interface AccountSearchOptions {
  viewerId: string | null;
  limit: number;
  offset: number;
  /** Only accounts the viewer follows. */
  following: boolean;
  /** Look the address up through the resolve hook when it is not known yet. */
  resolve: boolean;
}

export async function searchAccounts(
  ctx: AppContext,
  rawQuery: string,
  options: AccountSearchOptions,
): Promise<LoadedAccount[]> {
  const query = normalizeQuery(rawQuery);
  if (query === "" || query.startsWith("#") || options.limit <= 0) return [];
  const parsed = parseAccountAddress(query);
  const ours = ctx.config.domain.toLowerCase();
  // `alice` is searched as a word (alice here, alice elsewhere, Alice in display names);
  // `alice@host` only on that host, `alice@ours` only here.
  const address =
    parsed?.domain == null
      ? null
      : {
          username: parsed.username.toLowerCase(),
          domain: parsed.domain === ours ? null : parsed.domain,
        };
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^@/, ""))
    .filter((w) => w !== "")
    .slice(0, MAX_ACCOUNT_TERMS);
  if (address === null && words.length === 0) return [];
  const rows = await findAccounts(ctx.db, {
    words,
    address,
    viewerId: options.viewerId,
    following: options.following && options.viewerId !== null,
    limit: options.limit,
    offset: options.offset,
    now: ctx.clock.now().toISOString(),
  });
  // A remote address nobody here knows yet: the hook (WebFinger, once federation fills it in).
  if (
    options.resolve &&
    options.offset === 0 &&
    !options.following &&
    address?.domain != null &&
    rows.length === 0
  ) {
    const resolved = await resolveAccount(ctx, `${address.username}@${address.domain}`);
    if (resolved !== undefined) rows.push(resolved);
  }
  return withRoles(ctx, rows);
}
