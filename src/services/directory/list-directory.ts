// GET /api/v1/directory — https://docs.joinmastodon.org/methods/directory/
import type { AppContext } from "../../context.ts";
import { listDirectory as findDirectory } from "../../repos/directory.ts";
import { type LoadedAccount, withRoles } from "../profiles/load-accounts.ts";

export interface DirectoryOptions {
  order: "active" | "new";
  localOnly: boolean;
  limit: number;
  offset: number;
}

export async function listDirectory(
  ctx: AppContext,
  viewerId: string | null,
  options: DirectoryOptions,
): Promise<LoadedAccount[]> {
  const rows = await findDirectory(ctx.db, {
    viewerId,
    ...options,
    now: ctx.clock.now().toISOString(),
  });
  return withRoles(ctx, rows);
}
