// Archives are kept for seven days (Mastodon's backups cleanup): file first, then the row, so
// a crash in between leaves a row the next run finishes rather than an orphaned file.
import type { AppContext } from "../../context.ts";
import { deleteArchives, listArchivesBefore } from "../../repos/archives.ts";
import { ARCHIVE_INTERVAL_MS } from "./request-archive.ts";

export async function removeExpiredArchives(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ARCHIVE_INTERVAL_MS).toISOString();
  let removed = 0;
  for (;;) {
    const rows = await listArchivesBefore(ctx.db, before, 100);
    for (const row of rows) if (row.file_key !== null) await ctx.storage.delete(row.file_key);
    await deleteArchives(
      ctx.db,
      rows.map((r) => r.id),
    );
    removed += rows.length;
    if (rows.length < 100) return removed;
  }
}
