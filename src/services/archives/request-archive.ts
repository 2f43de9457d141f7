// "Request your archive": one request per account every seven days (Mastodon's
// Backup#eligible?), built later by the `account.archive` job.
import type { AppContext } from "../../context.ts";
import { findLatestArchive, insertArchive } from "../../repos/archives.ts";
import { enqueueJob } from "../../repos/jobs.ts";

/** Mastodon lets an account ask again a week after its last archive. */
export const ARCHIVE_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;

export type RequestArchiveResult =
  | { type: "queued"; archiveId: string }
  | { type: "too-soon"; nextAt: Date };

export async function requestArchive(
  ctx: AppContext,
  accountId: string,
): Promise<RequestArchiveResult> {
  const now = ctx.clock.now();
  const latest = await findLatestArchive(ctx.db, accountId);
  if (latest !== undefined) {
    const nextAt = new Date(new Date(latest.created_at).getTime() + ARCHIVE_INTERVAL_MS);
    if (nextAt > now) return { type: "too-soon", nextAt };
  }
  const archiveId = ctx.newId();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertArchive(trx, {
      id: archiveId,
      account_id: accountId,
      file_key: null,
      file_size: null,
      created_at: at,
      processed_at: null,
    });
    await enqueueJob(trx, {
      id: ctx.newId(),
      type: "account.archive",
      payload: { archiveId },
      runAt: at,
      createdAt: at,
      key: `account.archive:${archiveId}`,
    });
  });
  return { type: "queued", archiveId };
}
