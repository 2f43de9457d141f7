// POST /api/v1/media and /api/v2/media: the upload is checked in the request (a bad file is a
// 422 and nothing is stored), stored as it came under a private key, and its row (as
// `processing`) and a `media.process` job are written in one transaction; ./process.ts makes
// the stored versions. v2 answers at once (202 until done); v1 processes in the request.
import type { AppContext } from "../../context.ts";
import { MEDIA_LIMITS } from "../../domain/limits.ts";
import { notFound, unprocessable } from "../../lib/errors.ts";
import { inspectUpload } from "../../media/attachments.ts";
import { enqueueJob } from "../../repos/jobs.ts";
import { findMedia, insertMedia, type MediaRow } from "../../repos/media.ts";
import { deleteFiles, processMedia, RAW_UPLOAD_TYPE, rawUploadKey } from "./process.ts";

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

/**
 * A job is due at once for v2; for v1, which processes in the request, only after this long,
 * as a safety net for a process that stops mid-request (the request holds it like a lease).
 */
export const INLINE_GRACE_MS = 15 * 60 * 1000;

/**
 * Checks and records an upload. `wait` (v1) processes it in the request and returns the
 * finished (or failed) row; otherwise the row is returned `processing` for the job to finish.
 */
export async function uploadMedia(
  ctx: AppContext,
  accountId: string,
  upload: Upload,
  options: { wait: boolean },
): Promise<MediaRow> {
  checkDetails(upload);
  if (upload.file === undefined) throw unprocessable("Validation failed: File can't be blank");
  const inspected = await inspectUpload(upload.file);
  const id = ctx.newId();
  const rawKey = rawUploadKey(id);
  // Stored before the row: a row (and its job) never points at bytes that are not there.
  await ctx.storage.put(rawKey, inspected.bytes, RAW_UPLOAD_TYPE);
  const now = ctx.clock.now();
  let row: MediaRow;
  try {
    row = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await insertMedia(trx, {
        id,
        accountId,
        type: inspected.kind === "image" ? "image" : inspected.type,
        description: upload.description || null,
        focus: upload.focus ?? null,
        originalKey: rawKey,
        at: now.toISOString(),
      });
      await enqueueJob(trx, {
        id: ctx.newId(),
        type: "media.process",
        payload: { mediaId: id },
        runAt: new Date(now.getTime() + (options.wait ? INLINE_GRACE_MS : 0)).toISOString(),
        createdAt: now.toISOString(),
      });
      return inserted;
    });
  } catch (error) {
    await deleteFiles(ctx, [rawKey]);
    throw error;
  }
  if (!options.wait) return row;
  await processMedia(ctx, id);
  const processed = await findMedia(ctx.db, id);
  if (processed === undefined) throw notFound(); // deleted by its owner meanwhile
  return processed;
}
