// GET, PUT and DELETE /api/v1/media/:id. As in Mastodon, an upload is its owner's to read and
// change only until a status carries it (someone else's, or an attached one, is 404); deleting
// an attached one is refused with 422, since the post still shows it.
import type { AppContext } from "../../context.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import {
  deleteUnattachedMedia,
  findOwnMedia,
  type MediaRow,
  updateMediaDetails,
} from "../../repos/media.ts";
import { deleteFiles } from "./process.ts";
import { checkDetails, type MediaDetails } from "./upload.ts";

async function ownUnattached(ctx: AppContext, accountId: string, id: string): Promise<MediaRow> {
  const row = await findOwnMedia(ctx.db, accountId, id);
  if (row === undefined || row.status_id !== null) throw notFound();
  return row;
}

export function getMedia(ctx: AppContext, accountId: string, id: string): Promise<MediaRow> {
  return ownUnattached(ctx, accountId, id);
}

export async function updateMedia(
  ctx: AppContext,
  accountId: string,
  id: string,
  details: MediaDetails,
): Promise<MediaRow> {
  checkDetails(details);
  await ownUnattached(ctx, accountId, id);
  const changes = {
    ...(details.description === undefined ? {} : { description: details.description || null }),
    ...(details.focus === undefined ? {} : { focus: details.focus }),
  };
  await updateMediaDetails(ctx.db, id, changes, ctx.clock.now().toISOString());
  return ownUnattached(ctx, accountId, id);
}

export async function deleteMedia(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const row = await findOwnMedia(ctx.db, accountId, id);
  if (row === undefined) throw notFound();
  const inUse = () => unprocessable("Media attachment is currently used by a status");
  if (row.status_id !== null) throw inUse();
  // Attached between the read and the delete: the guarded delete finds nothing.
  const deleted = await deleteUnattachedMedia(ctx.db, id);
  if (deleted === undefined) throw inUse();
  await deleteFiles(ctx, [deleted.file_key, deleted.preview_key]);
}
