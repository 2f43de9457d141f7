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

/** Settings, counts and rules of this server. */
export async function getInstanceInfo(ctx: AppContext): Promise<InstanceInfo> {
  const [settings, stats, rules] = await Promise.all([
    loadSettings(ctx.db),
    loadInstanceStats(ctx.db, ctx.clock.now()),
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
