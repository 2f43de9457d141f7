// Block a domain (user level) — https://docs.joinmastodon.org/methods/domain_blocks/#block
// As Mastodon's BlockDomainFromAccountService + AfterBlockDomainFromAccountService (4.3+):
// the block is stored, then every relationship with the domain's accounts ends — the
// blocker's follows of them (Undo Follow), their follows of the blocker (Reject Follow) and
// pending requests both ways. Nothing from the domain is shown to the blocker afterwards,
// followed or not (the visibility rule's `domainBlocked`). Blocking again changes nothing.
import type { AppContext } from "../../context.ts";
import {
  deletePairsWithDomain,
  deletePinsOfDomain,
  insertDomainBlock,
} from "../../repos/domain-blocks.ts";
import { adjustFollowCounts } from "../../repos/relationships.ts";
import type { FederationEffect } from "../relationships/common.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";
import { type DomainInput, readDomain } from "./common.ts";

export type BlockDomainResult =
  | { type: "ok"; federate: FederationEffect[] }
  | { type: "invalid"; message: string };

export async function blockDomain(
  ctx: AppContext,
  actorId: string,
  input: DomainInput,
): Promise<BlockDomainResult> {
  const domain = readDomain(ctx, input);
  if (domain.type === "invalid") return domain;
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertDomainBlock(trx, {
      id: ctx.newId(),
      accountId: actorId,
      domain: domain.domain,
      at: ctx.clock.now().toISOString(),
    });
    if (!created) return { type: "ok", federate: [] };
    const federate: FederationEffect[] = [];
    const follows = await deletePairsWithDomain(trx, "follows", actorId, domain.domain);
    for (const f of follows) {
      await adjustFollowCounts(trx, f.accountId, f.targetAccountId, -1);
      // The blocker's home loses what they followed there (reads hide it already).
      if (f.accountId === actorId)
        await enqueueFeedChange(ctx, trx, "unmerge", actorId, f.targetAccountId);
    }
    const requests = await deletePairsWithDomain(trx, "follow_requests", actorId, domain.domain);
    await deletePinsOfDomain(trx, actorId, domain.domain);
    for (const pair of [...follows, ...requests]) {
      const mine = pair.accountId === actorId;
      federate.push({
        activity: mine ? "Undo Follow" : "Reject Follow",
        remoteAccountId: mine ? pair.targetAccountId : pair.accountId,
      });
    }
    return { type: "ok", federate };
  });
}
