// Avatars and headers as Mastodon makes them: any common image in, its kind's size out
// (avatar 400×400, header 1500×500, both cropped to fill), turned upright from the EXIF
// orientation and stripped of all metadata (EXIF carries GPS positions and camera serials).
// A moving GIF or WebP stays moving; `static` is then its first frame as PNG, for
// avatar_static / header_static and for people who turned animations off.
//
// The decoder decides what a file is, never the name or the Content-Type the client sent:
// a text file called avatar.png is refused, and so are formats we do not serve back (SVG,
// TIFF, PDF), even though sharp could read them.
import sharp, { type Metadata } from "sharp";
import { MEDIA_LIMITS } from "../domain/limits.ts";
import { unprocessable } from "../lib/errors.ts";

export type ImageKind = "avatar" | "header";

export const IMAGE_SIZES: Readonly<Record<ImageKind, { width: number; height: number }>> =
  Object.freeze({
    avatar: { width: 400, height: 400 },
    header: { width: 1500, height: 500 },
  });

export interface ProcessedImage {
  body: Uint8Array;
  contentType: string;
}

export interface ProcessedPicture {
  original: ProcessedImage;
  /** The first frame as PNG when `original` moves; null when `original` is already still. */
  static: ProcessedImage | null;
}

// What sharp reports → what we store. HEIF/AVIF become JPEG (as Mastodon converts HEIC).
const OUTPUT: Readonly<Record<string, "jpeg" | "png" | "gif" | "webp">> = Object.freeze({
  jpeg: "jpeg",
  png: "png",
  gif: "gif",
  webp: "webp",
  heif: "jpeg",
});

const TYPES = { jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp" };

const LABEL: Record<ImageKind, string> = { avatar: "Avatar", header: "Header" };

function invalid(kind: ImageKind, what: string) {
  return unprocessable(`Validation failed: ${LABEL[kind]} ${what}`);
}

/** Checks the upload and makes the stored versions; throws 422 with Mastodon's message. */
export async function processPicture(kind: ImageKind, file: Blob): Promise<ProcessedPicture> {
  if (file.size > MEDIA_LIMITS.imageSizeLimit) {
    throw invalid(
      kind,
      `file size must be less than ${MEDIA_LIMITS.imageSizeLimit / 1024 / 1024} MB`,
    );
  }
  const input = new Uint8Array(await file.arrayBuffer());
  const options = { limitInputPixels: MEDIA_LIMITS.imageMatrixLimit, failOn: "error" as const };
  let metadata: Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch {
    throw invalid(kind, "content type is invalid");
  }
  const format = metadata.format === undefined ? undefined : OUTPUT[metadata.format];
  if (format === undefined) throw invalid(kind, "content type is invalid");
  const pixels = (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0);
  if (pixels > MEDIA_LIMITS.imageMatrixLimit) throw invalid(kind, "dimensions are too large");
  const { width, height } = IMAGE_SIZES[kind];
  const animated = (metadata.pages ?? 1) > 1 && (format === "gif" || format === "webp");
  try {
    if (animated) {
      const moving = await sharp(input, { ...options, animated: true })
        .resize(width, height, { fit: "cover" })
        [format]()
        .toBuffer();
      const still = await sharp(input, options)
        .resize(width, height, { fit: "cover" })
        .png()
        .toBuffer();
      return {
        original: { body: moving, contentType: TYPES[format] },
        static: { body: still, contentType: TYPES.png },
      };
    }
    // A still GIF is stored as PNG: same pixels, no palette limit on the resized result.
    const out = format === "gif" ? "png" : format;
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata by default.
    const body = await sharp(input, options)
      .rotate()
      .resize(width, height, { fit: "cover" })
      [out]()
      .toBuffer();
    return { original: { body, contentType: TYPES[out] }, static: null };
  } catch {
    // Headers that parse but data that does not (a truncated file).
    throw invalid(kind, "could not be processed");
  }
}
