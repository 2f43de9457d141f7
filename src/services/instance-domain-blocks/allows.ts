// The allow-list of limited federation (`hearth domain-allows add|remove|list`): with the
// `federation_mode` setting at "allowlist", only these domains (and their subdomains)
// federate, in and out. Mastodon's DomainAllow.
import type { AppContext } from "../../context.ts";
import {
  deleteInstanceDomainAllow,
  insertInstanceDomainAllow,
  listInstanceDomainAllows,
} from "../../repos/instance-domain-blocks.ts";
import { readPolicyDomain } from "./policy.ts";

type Invalid = { type: "invalid"; message: string };

export async function addInstanceDomainAllow(
  ctx: AppContext,
  input: string | undefined,
): Promise<{ type: "ok"; domain: string; created: boolean } | Invalid> {
  const domain = readPolicyDomain(ctx, input);
  if (domain.type === "invalid") return domain;
  const created = await insertInstanceDomainAllow(ctx.db, {
    id: ctx.newId(),
    domain: domain.domain,
    created_at: ctx.clock.now().toISOString(),
  });
  return { type: "ok", domain: domain.domain, created };
}

export async function removeInstanceDomainAllow(
  ctx: AppContext,
  input: string | undefined,
): Promise<{ type: "ok" } | { type: "not-found" } | Invalid> {
  const domain = readPolicyDomain(ctx, input);
  if (domain.type === "invalid") return domain;
  return (await deleteInstanceDomainAllow(ctx.db, domain.domain))
    ? { type: "ok" }
    : { type: "not-found" };
}

export function listInstanceDomainAllowsForStaff(ctx: AppContext) {
  return listInstanceDomainAllows(ctx.db);
}
