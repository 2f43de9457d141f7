// GET /api/v2/suggestions (and v1) — https://docs.joinmastodon.org/methods/suggestions/
// Mastodon 4.3's sources, each already excluding whom the viewer follows, requested, blocks,
// mutes or dismissed: `featured` (the staff picks: the `featured_accounts` setting, Mastodon's
// bootstrap_timeline_accounts), `friends_of_friends`, `most_followed` (local). An account
// found by several sources is listed once with all of them. Mastodon shuffles the combined
// list; Hearth keeps it in source order (staff picks first), so pages are stable.
import type { AppContext } from "../../context.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import {
  findFeaturedAccounts,
  findFriendsOfFriends,
  findMostFollowed,
} from "../../repos/suggestions.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";

export type SuggestionSource = "featured" | "friends_of_friends" | "most_followed";

export interface LoadedSuggestion {
  account: LoadedAccount;
  sources: SuggestionSource[];
}

export async function listSuggestions(
  ctx: AppContext,
  viewerId: string,
  limit: number,
): Promise<LoadedSuggestion[]> {
  const now = ctx.clock.now().toISOString();
  const settings = await loadSettings(ctx.db);
  const found: [SuggestionSource, AccountRow[]][] = [
    ["featured", await findFeaturedAccounts(ctx.db, viewerId, settings.featured_accounts, now)],
    ["friends_of_friends", await findFriendsOfFriends(ctx.db, viewerId, limit, now)],
    ["most_followed", await findMostFollowed(ctx.db, viewerId, limit, now)],
  ];
  const byId = new Map<string, { row: AccountRow; sources: SuggestionSource[] }>();
  for (const [source, rows] of found) {
    for (const row of rows) {
      const entry = byId.get(row.id);
      if (entry === undefined) byId.set(row.id, { row, sources: [source] });
      else entry.sources.push(source);
    }
  }
  const picked = [...byId.values()].slice(0, limit);
  const loaded = await withRoles(
    ctx,
    picked.map((p) => p.row),
  );
  return loaded.map((account, i) => ({ account, sources: picked[i]?.sources ?? [] }));
}
