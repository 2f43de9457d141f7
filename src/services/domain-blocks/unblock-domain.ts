// Unblock a domain — https://docs.joinmastodon.org/methods/domain_blocks/#unblock
// Removes the block; follows it ended stay ended (as Mastodon). Unblocking a domain that is
// not blocked succeeds and changes nothing.
import type { AppContext } from "../../context.ts";
import { deleteDomainBlock } from "../../repos/domain-blocks.ts";
import { type DomainInput, readDomain } from "./common.ts";

export async function unblockDomain(
  ctx: AppContext,
  actorId: string,
  input: DomainInput,
): Promise<{ type: "ok" } | { type: "invalid"; message: string }> {
  const domain = readDomain(ctx, input);
  if (domain.type === "invalid") return domain;
  await deleteDomainBlock(ctx.db, actorId, domain.domain);
  return { type: "ok" };
}
