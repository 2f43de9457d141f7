// Lift a domain block: the domain's accounts lose the marks it set (apply.ts); follows it
// severed stay severed, as on Mastodon (UnblockDomainService).
import type { AppContext } from "../../context.ts";
import {
  deleteInstanceDomainBlock,
  findInstanceDomainBlock,
} from "../../repos/instance-domain-blocks.ts";
import { liftBlock } from "./apply.ts";
import { readPolicyDomain } from "./policy.ts";

export async function removeInstanceDomainBlock(
  ctx: AppContext,
  input: string | undefined,
): Promise<{ type: "ok" } | { type: "not-found" } | { type: "invalid"; message: string }> {
  const domain = readPolicyDomain(ctx, input);
  if (domain.type === "invalid") return domain;
  return ctx.db.transaction().execute(async (trx) => {
    const block = await findInstanceDomainBlock(trx, domain.domain);
    if (block === undefined) return { type: "not-found" } as const;
    await liftBlock(trx, block);
    await deleteInstanceDomainBlock(trx, block.domain);
    return { type: "ok" } as const;
  });
}
