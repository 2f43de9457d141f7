// Who boosted a status — https://docs.joinmastodon.org/methods/statuses/#reblogged_by
// Public for a status the viewer may see (undefined otherwise: a 404); newest boost first,
// paginated by the boost's id; suspended accounts and deleted boosts are left out. Two
// queries for the page after the visibility check (the boosts, then the accounts).
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/queries/paginate.ts";
import { listBoosters } from "../../repos/boosts.ts";
import type { LoadedAccount } from "../profiles/load-accounts.ts";
import { visibleStatus } from "./common.ts";
import { withAccounts } from "./favourited-by.ts";

export async function rebloggedBy(
  ctx: AppContext,
  viewerId: string | null,
  statusId: string,
  page: Page,
): Promise<{ cursor: string; loaded: LoadedAccount }[] | undefined> {
  if ((await visibleStatus(ctx.db, viewerId, statusId)) === undefined) return undefined;
  return withAccounts(ctx, await listBoosters(ctx.db, statusId, page));
}
