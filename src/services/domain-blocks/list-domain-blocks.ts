// View blocked domains — https://docs.joinmastodon.org/methods/domain_blocks/#get
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { findDomainBlockPage } from "../../repos/domain-blocks.ts";

export function listDomainBlocks(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<{ cursor: string; domain: string }[]> {
  return findDomainBlockPage(ctx.db, accountId, page);
}
