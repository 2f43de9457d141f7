// The federation policy as the rest of the server asks it: may this host federate, is it
// silenced, are its media or reports refused, is authorized fetch on. The rule itself is
// domain/instance-policy.ts; this reads the blocks, allows and settings it needs (three small
// queries: the lists hold one row per server an operator acted on).
import type { AppContext } from "../../context.ts";
import {
  type HostPolicy,
  hostPolicy,
  normalizePolicyDomain,
  ruleFor,
} from "../../domain/instance-policy.ts";
import {
  type InstanceDomainBlockRow,
  listInstanceDomainAllows,
  listInstanceDomainBlocks,
  toRule,
} from "../../repos/instance-domain-blocks.ts";
import { loadSettings } from "../../repos/instance-settings.ts";

/** The decision for every host of a batch (one read of the lists). */
export async function policiesFor(
  ctx: AppContext,
  hosts: readonly string[],
): Promise<Map<string, HostPolicy>> {
  const [blocks, allows, settings] = await Promise.all([
    listInstanceDomainBlocks(ctx.db),
    listInstanceDomainAllows(ctx.db),
    loadSettings(ctx.db),
  ]);
  const rules = blocks.map(toRule);
  return new Map(
    hosts.map((host) => [host, hostPolicy(host, rules, allows, settings.federation_mode)]),
  );
}

export async function policyFor(ctx: AppContext, host: string): Promise<HostPolicy> {
  return (await policiesFor(ctx, [host])).get(host)!;
}

/** Activities from `host` are accepted, deliveries go to it, its documents may be fetched. */
export async function federatesWith(ctx: AppContext, host: string): Promise<boolean> {
  return (await policyFor(ctx, host)).federates;
}

/** Whether an incoming Flag from `host` becomes a report (false: reject_reports, or cut off). */
export async function acceptsReportsFrom(ctx: AppContext, host: string): Promise<boolean> {
  const policy = await policyFor(ctx, host);
  return policy.federates && !policy.rejectReports;
}

/** Whether remote media of `host` may be fetched and stored (false: reject_media). */
export async function acceptsMediaFrom(ctx: AppContext, host: string): Promise<boolean> {
  const policy = await policyFor(ctx, host);
  return policy.federates && !policy.rejectMedia;
}

/** The block that applies to `host` (subdomains included), if any. */
export async function blockFor(
  ctx: AppContext,
  host: string,
): Promise<InstanceDomainBlockRow | undefined> {
  return ruleFor(await listInstanceDomainBlocks(ctx.db), host);
}

/** Signed GETs required: HEARTH_AUTHORIZED_FETCH or the `authorized_fetch` setting. */
export async function authorizedFetchOn(ctx: AppContext): Promise<boolean> {
  return ctx.config.authorizedFetch || (await loadSettings(ctx.db)).authorized_fetch;
}

/**
 * The `domain` an operator typed, normalized, or why it cannot be one. Our own name is
 * refused: a block of it would cut the server off from itself.
 */
export function readPolicyDomain(
  ctx: AppContext,
  input: string | undefined,
): { type: "ok"; domain: string } | { type: "invalid"; message: string } {
  if (input === undefined || input.trim() === "")
    return { type: "invalid", message: "domain can't be blank" };
  const domain = normalizePolicyDomain(input);
  if (domain === null) return { type: "invalid", message: `"${input}" is not a domain name` };
  const own = ctx.config.domain.toLowerCase();
  const ownHost = new URL(ctx.config.baseUrl).host;
  if (ruleFor([{ domain }], own) !== undefined || ruleFor([{ domain }], ownHost) !== undefined)
    return { type: "invalid", message: `${domain} is this server` };
  return { type: "ok", domain };
}
