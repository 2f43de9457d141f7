// Uploads never attached to a post are removed a day after upload, as Mastodon does
// (media_attachments with no status older than 24 h), files first then rows. It runs hourly
// as the recurring job `media.cleanup` (src/jobs/handlers.ts). A row still `processing` holds
// its raw upload in file_key, so an upload whose job never finished leaves nothing behind.
import type { AppContext } from "../../context.ts";
import { deleteUnattachedMedia, findOrphanMedia } from "../../repos/media.ts";
import { deleteFiles } from "./process.ts";

export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;

/** Removes unattached uploads older than a day; returns how many. */
export async function removeOrphanMedia(ctx: AppContext, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ORPHAN_AGE_MS).toISOString();
  let removed = 0;
  for (;;) {
    const rows = await findOrphanMedia(ctx.db, before, BATCH);
    for (const row of rows) {
      // Guarded on status_id: a post that took it meanwhile keeps it.
      const deleted = await deleteUnattachedMedia(ctx.db, row.id);
      if (deleted === undefined) continue;
      await deleteFiles(ctx, [deleted.file_key, deleted.preview_key]);
      removed++;
    }
    if (rows.length < BATCH) return removed;
  }
}
