// The instance's public lists: rules, known servers, weekly activity.
import type { AppContext } from "../../context.ts";
import { loadActivity, type WeekActivity } from "../../repos/instance-activity.ts";
import { listPeerDomains } from "../../repos/instance-stats.ts";
import { listRules, type Rule } from "../../repos/rules.ts";

/** The server rules in the order people read them. */
export function getInstanceRules(ctx: AppContext): Promise<Rule[]> {
  return listRules(ctx.db);
}

/** Domains of the servers this one knows accounts on. */
export function getInstancePeers(ctx: AppContext): Promise<string[]> {
  // @TODO: leave out domains the moderation work suspends, as Mastodon does.
  return listPeerDomains(ctx.db);
}

/** Counts of the last 12 weeks, this week first. */
export function getInstanceActivity(ctx: AppContext): Promise<WeekActivity[]> {
  return loadActivity(ctx.db, ctx.clock.now(), 12);
}
