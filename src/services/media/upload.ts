// POST /api/v1/media and /api/v2/media: the upload is checked in the request (a bad file is a
// 422 and nothing is stored), the row is written as `processing`, and the stored versions are
// made by the media queue. v2 answers at once (202 until done); v1 waits for the queue.
import type { AppContext } from "../../context.ts";
import { MEDIA_LIMITS } from "../../domain/limits.ts";
import { unprocessable } from "../../lib/errors.ts";
import { type InspectedUpload, inspectUpload, processUpload } from "../../media/attachments.ts";
import { newKey } from "../../media/storage.ts";
import { completeMedia, failMedia, insertMedia, type MediaRow } from "../../repos/media.ts";
import { mediaQueue } from "./queue.ts";

export interface MediaDetails {
  /** undefined: unchanged; null or "": none. */
  description?: string | null;
  focus?: { x: number; y: number } | null;
}

export interface Upload extends MediaDetails {
  file: Blob | undefined;
  // `thumbnail` (a custom preview for audio and video) is not supported yet: the first frame
  // of a video is its preview, and audio has none.
}

/** "x,y" with both in -1..1, as Mastodon's focal points; "" clears it. */
export function parseFocus(value: string | undefined): { x: number; y: number } | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "") return null;
  const parts = value.split(",").map((p) => p.trim());
  const numbers = parts.map((p) => (/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(p) ? Number(p) : Number.NaN));
  const [x, y] = numbers;
  if (
    numbers.length !== 2 ||
    x === undefined ||
    y === undefined ||
    !numbers.every((n) => Number.isFinite(n) && n >= -1 && n <= 1)
  ) {
    throw unprocessable(
      "Validation failed: Focus must be two numbers between -1.0 and 1.0, separated by a comma",
    );
  }
  return { x, y };
}

/** Throws Mastodon's 422 for a description over the limit. */
export function checkDetails(details: MediaDetails): void {
  const limit = MEDIA_LIMITS.descriptionLimit;
  if (details.description != null && [...details.description].length > limit) {
    throw unprocessable(
      `Validation failed: Description is too long (maximum is ${limit} characters)`,
    );
  }
}

export interface Uploaded {
  row: MediaRow;
  /** Resolves once processing has ended (done or failed). */
  processed: Promise<void>;
}

export async function uploadMedia(
  ctx: AppContext,
  accountId: string,
  upload: Upload,
): Promise<Uploaded> {
  checkDetails(upload);
  if (upload.file === undefined) throw unprocessable("Validation failed: File can't be blank");
  const inspected = await inspectUpload(upload.file);
  const id = ctx.newId();
  const row = await insertMedia(ctx.db, {
    id,
    accountId,
    type: inspected.kind === "image" ? "image" : inspected.type,
    description: upload.description || null,
    focus: upload.focus ?? null,
    at: ctx.clock.now().toISOString(),
  });
  const processed = mediaQueue(ctx).enqueue(() => processAndStore(ctx, id, inspected));
  return { row, processed };
}

async function processAndStore(
  ctx: AppContext,
  id: string,
  upload: InspectedUpload,
): Promise<void> {
  const written: string[] = [];
  try {
    const result = await processUpload(upload);
    const prefix = `media_attachments/files/${id}`;
    const fileKey = newKey(`${prefix}/original`, result.original.contentType);
    written.push(fileKey);
    await ctx.storage.put(fileKey, result.original.body, result.original.contentType);
    let previewKey: string | null = null;
    if (result.small !== null) {
      previewKey = newKey(`${prefix}/small`, result.small.contentType);
      written.push(previewKey);
      await ctx.storage.put(previewKey, result.small.body, result.small.contentType);
    }
    const stored = await completeMedia(
      ctx.db,
      id,
      {
        type: result.type,
        fileKey,
        fileContentType: result.original.contentType,
        fileSize: result.original.body.byteLength,
        previewKey,
        blurhash: result.blurhash,
        meta: result.meta,
      },
      ctx.clock.now().toISOString(),
    );
    // Deleted while we worked: its files must not outlive it.
    if (!stored) await deleteFiles(ctx, written);
  } catch (error) {
    await deleteFiles(ctx, written);
    await failMedia(ctx.db, id, ctx.clock.now().toISOString());
    throw error;
  }
}

/** Best effort: a file left behind costs disk space, never correctness. */
export async function deleteFiles(ctx: AppContext, keys: (string | null)[]): Promise<void> {
  for (const key of keys) if (key !== null) await ctx.storage.delete(key).catch(() => {});
}
