// What a block does to the accounts already known, and undoes when lifted (Mastodon's
// BlockDomainService and UnblockDomainService): suspend marks every account of the domain
// suspended (hidden from every read by the visibility rule) and severs the follows both ways,
// without telling that server (nothing is delivered to a suspended host); silence marks them
// silenced. The marks carry the block's created_at, so lifting clears only what it set.
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/index.ts";
import {
  clearDomainAccounts,
  type InstanceDomainBlockRow,
  markDomainAccounts,
  severDomainFollows,
} from "../../repos/instance-domain-blocks.ts";
import { adjustFollowCounts } from "../../repos/relationships.ts";
import { enqueueFeedChange } from "../timelines/feed-changes.ts";

type Block = Pick<InstanceDomainBlockRow, "domain" | "severity" | "created_at">;

export async function applyBlock(ctx: AppContext, db: Db, block: Block): Promise<void> {
  if (block.severity === "silence")
    await markDomainAccounts(db, block.domain, "silenced_at", block.created_at);
  if (block.severity !== "suspend") return;
  await markDomainAccounts(db, block.domain, "suspended_at", block.created_at);
  for (const follow of await severDomainFollows(db, block.domain)) {
    await adjustFollowCounts(db, follow.accountId, follow.targetAccountId, -1);
    // Reads hide the posts already; the home feed drops them too.
    if (follow.localFollower)
      await enqueueFeedChange(ctx, db, "unmerge", follow.accountId, follow.targetAccountId);
  }
}

/** Undoes the marks of `block` (severed follows stay severed, as on Mastodon). */
export async function liftBlock(db: Db, block: Block): Promise<void> {
  await clearDomainAccounts(db, block.domain, "suspended_at", block.created_at);
  await clearDomainAccounts(db, block.domain, "silenced_at", block.created_at);
}
