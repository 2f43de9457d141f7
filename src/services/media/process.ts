// Processing an upload: the `media.process` job (src/jobs/handlers.ts), also run inline by
// POST /api/v1/media. The request stored the checked upload as it came under a private key
// and wrote the row (`processing`, file_key = that key) with the job in one transaction, so
// an upload survives a restart. This reads the stored upload, makes the stored versions,
// finishes or fails the row and removes the raw upload.
//
// Safe to run twice or concurrently (the job after the inline run, a retry after a crash):
// only a `processing` row is worked on, completion is guarded on that state, and a run whose
// result was not kept drops its files. The raw upload's key follows from the id, so a run that
// finds the row gone (deleted, cleaned up) still removes it.
import { getLogger } from "@logtape/logtape";
import type { AppContext } from "../../context.ts";
import { HttpError } from "../../lib/errors.ts";
import { inspectUpload, processUpload } from "../../media/attachments.ts";
import { CONTENT_TYPES, newKey, PRIVATE_PREFIX } from "../../media/storage.ts";
import { completeMedia, failMedia, findMedia } from "../../repos/media.ts";

/** sharp/ffmpeg pipelines at once per process, inline uploads and jobs together. */
const CONCURRENCY = 2;

export const RAW_UPLOAD_TYPE = CONTENT_TYPES.bin as string;

/** Where the upload waits, as it came (EXIF included): private, never served. */
export function rawUploadKey(mediaId: string): string {
  return `${PRIVATE_PREFIX}media_attachments/${mediaId}/upload.bin`;
}

/** Best effort: a file left behind costs disk space, never correctness. */
export async function deleteFiles(ctx: AppContext, keys: (string | null)[]): Promise<void> {
  for (const key of keys) if (key !== null) await ctx.storage.delete(key).catch(() => {});
}

interface Slots {
  free: number;
  waiting: (() => void)[];
}
const slotsByContext = new WeakMap<AppContext, Slots>();

/** Runs `work` when fewer than CONCURRENCY pipelines run in this context. */
export async function withProcessingSlot<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  let slots = slotsByContext.get(ctx);
  if (slots === undefined) {
    slots = { free: CONCURRENCY, waiting: [] };
    slotsByContext.set(ctx, slots);
  }
  const s = slots;
  if (s.free > 0) s.free--;
  else await new Promise<void>((resolve) => s.waiting.push(resolve));
  try {
    return await work();
  } finally {
    // Handed straight to the next in line, so a newcomer cannot overtake it.
    const next = s.waiting.shift();
    if (next === undefined) s.free++;
    else next();
  }
}

/**
 * Processes upload `mediaId` if it still waits. A bad file (422 from the decoder) fails the row
 * for good; any other error is thrown, leaving the row and the raw upload for a retry.
 */
export async function processMedia(ctx: AppContext, mediaId: string): Promise<void> {
  const rawKey = rawUploadKey(mediaId);
  const now = () => ctx.clock.now().toISOString();
  const row = await findMedia(ctx.db, mediaId);
  if (row === undefined || row.processing !== "processing") {
    // Gone, or finished by another run: at most the raw upload is left to remove.
    await deleteFiles(ctx, [rawKey]);
    return;
  }
  const raw = await ctx.storage.get(rawKey);
  if (raw === undefined) {
    // Lost; or a run that finished meanwhile removed it, and the guard keeps that result.
    await failMedia(ctx.db, mediaId, now());
    return;
  }
  let result: Awaited<ReturnType<typeof processUpload>>;
  try {
    result = await withProcessingSlot(ctx, async () =>
      processUpload(await inspectUpload(raw.body)),
    );
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    getLogger(["hearth", "media"]).info("Upload {id} could not be processed: {message}", {
      id: mediaId,
      message: error.message,
    });
    await failMedia(ctx.db, mediaId, now());
    await deleteFiles(ctx, [rawKey]);
    return;
  }
  const prefix = `media_attachments/files/${mediaId}`;
  const fileKey = newKey(`${prefix}/original`, result.original.contentType);
  const previewKey =
    result.small === null ? null : newKey(`${prefix}/small`, result.small.contentType);
  let kept = false;
  try {
    await ctx.storage.put(fileKey, result.original.body, result.original.contentType);
    if (result.small !== null && previewKey !== null)
      await ctx.storage.put(previewKey, result.small.body, result.small.contentType);
    kept = await completeMedia(
      ctx.db,
      mediaId,
      {
        type: result.type,
        fileKey,
        fileContentType: result.original.contentType,
        fileSize: result.original.body.byteLength,
        previewKey,
        blurhash: result.blurhash,
        meta: result.meta,
      },
      now(),
    );
  } finally {
    // Deleted or finished by another run meanwhile (or the write failed): ours must not linger.
    if (!kept) await deleteFiles(ctx, [fileKey, previewKey]);
  }
  await deleteFiles(ctx, [rawKey]);
}
