// Everything the instance endpoints, NodeInfo and the about page say about this server, loaded
// in one place so they never disagree.
import type { AppContext } from "../../context.ts";
import type { InstanceSettings } from "../../domain/instance-settings.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { type InstanceStats, loadInstanceStats } from "../../repos/instance-stats.ts";
import { listRules, type Rule } from "../../repos/rules.ts";
import { HEARTH_VERSION, VERSION_STRING } from "../../version.ts";

export interface InstanceInfo {
  domain: string;
  baseUrl: string;
  settings: InstanceSettings;
  stats: InstanceStats;
  rules: Rule[];
  software: { name: "hearth"; version: string; versionString: string };
}

// The counts are aggregates over accounts and users, most of the cost of these documents, and
// nobody needs them to the second: keep them a minute (Mastodon caches its counts too).
const STATS_CACHE_KEY = "instance-stats";
const STATS_TTL_MS = 60_000;

/** Call after a change that moves the counts (a new local account), so they show at once. */
export function forgetInstanceStats(ctx: AppContext): void {
  ctx.cache.delete(STATS_CACHE_KEY);
}

/** Settings, counts and rules of this server. */
export async function getInstanceInfo(ctx: AppContext): Promise<InstanceInfo> {
  const [settings, stats, rules] = await Promise.all([
    loadSettings(ctx.db),
    ctx.cache.get(STATS_CACHE_KEY, STATS_TTL_MS, () => loadInstanceStats(ctx.db, ctx.clock.now())),
    listRules(ctx.db),
  ]);
  return {
    domain: ctx.config.domain,
    baseUrl: ctx.config.baseUrl,
    settings,
    stats,
    rules,
    software: { name: "hearth", version: HEARTH_VERSION, versionString: VERSION_STRING },
  };
}
