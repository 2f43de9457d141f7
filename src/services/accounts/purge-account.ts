// What deleting an account leaves for later (Mastodon removes an account's content in a
// background job): its posts are already gone from every read (soft-deleted and the account
// suspended, in the deletion's transaction); this job removes its uploaded files and their
// rows, a batch at a time, so a large account never holds the request up.
import type { AppContext } from "../../context.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { deleteMediaRows, findMediaOfAccount } from "../../repos/media.ts";
import { deleteFiles } from "../media/process.ts";

const BATCH = 100;

export async function enqueueAccountPurge(ctx: AppContext, accountId: string): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await enqueueJob(ctx.db, {
    id: ctx.newId(),
    type: "account.purge",
    payload: { accountId },
    key: `account.purge:${accountId}`,
    runAt: at,
    createdAt: at,
  });
}

/** Removes every upload of the account, files first; returns how many. */
export async function purgeAccount(ctx: AppContext, accountId: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await findMediaOfAccount(ctx.db, accountId, BATCH);
    if (rows.length === 0) return removed;
    await deleteFiles(
      ctx,
      rows.flatMap((r) => [r.file_key, r.preview_key]),
    );
    await deleteMediaRows(
      ctx.db,
      rows.map((r) => r.id),
    );
    removed += rows.length;
  }
}
