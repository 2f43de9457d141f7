// Media attachments as Mastodon makes them from an upload. Two steps, because the first runs in
// the request and the second may run later (the `media.process` job, services/media/process.ts):
//   inspectUpload — cheap checks on the bytes (size, decodable, pixel count) so a bad file is a
//                   422 before anything is stored (the job runs it again on the stored bytes);
//   processImage  — the stored versions: the original turned upright, stripped of metadata and
//                   scaled to at most Mastodon's 3840×2160 worth of pixels; a small preview of
//                   at most 640×360 worth; a blurhash; and `meta` sizes.
//
// The decoder decides what a file is (security catalogue F1), never the client's name or
// Content-Type. What sharp cannot read may be audio or video (./av-attachments.ts, with
// ffmpeg when installed; refused with a clear message when not).
import { encode } from "blurhash";
import sharp, { type Metadata } from "sharp";
import type { MediaMeta, MediaSize } from "../db/schema/index.ts";
import { MEDIA_LIMITS } from "../domain/limits.ts";
import { unprocessable } from "../lib/errors.ts";
import { type AvUpload, inspectAv, processAv } from "./av-attachments.ts";
import { ffmpegAvailable } from "./video.ts";

export { looksLikeAudioOrVideo, NO_VIDEO_MESSAGE } from "./av-attachments.ts";

/** Mastodon's IMAGE_STYLES: originals above 3840×2160 worth of pixels are scaled down. */
export const ORIGINAL_MAX_PIXELS = 3840 * 2160;
/** Mastodon's small style: 640×360 worth of pixels. */
export const SMALL_MAX_PIXELS = 640 * 360;

type Format = "jpeg" | "png" | "gif" | "webp";

// What sharp reports → what we store. HEIF/AVIF become JPEG (as Mastodon converts HEIC).
const OUTPUT: Readonly<Record<string, Format>> = Object.freeze({
  jpeg: "jpeg",
  png: "png",
  gif: "gif",
  webp: "webp",
  heif: "jpeg",
});

const TYPES: Record<Format, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
};

const SHARP_OPTIONS = { limitInputPixels: MEDIA_LIMITS.imageMatrixLimit, failOn: "error" as const };

const invalid = (what: string) => unprocessable(`Validation failed: File ${what}`);

export interface ImageUpload {
  kind: "image";
  bytes: Uint8Array;
  format: Format;
  animated: boolean;
}

export type InspectedUpload = ImageUpload | AvUpload;

/** Checks an upload; throws Mastodon-style 422s. */
export async function inspectUpload(file: Blob | Uint8Array): Promise<InspectedUpload> {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
  let metadata: Metadata | undefined;
  try {
    metadata = await sharp(bytes, SHARP_OPTIONS).metadata();
  } catch (error) {
    // sharp refuses an image above limitInputPixels while reading its header (F4).
    if (/pixel limit/i.test(String(error))) throw invalid("dimensions are too large");
  }
  const format = metadata?.format === undefined ? undefined : OUTPUT[metadata.format];
  if (metadata === undefined || format === undefined) {
    const av = await inspectAv(bytes);
    if (av === undefined) throw invalid("content type is invalid");
    return av;
  }
  if (bytes.byteLength > MEDIA_LIMITS.imageSizeLimit) {
    throw invalid(`file size must be less than ${MEDIA_LIMITS.imageSizeLimit / 1024 / 1024} MB`);
  }
  const pixels = (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0);
  if (pixels > MEDIA_LIMITS.imageMatrixLimit) throw invalid("dimensions are too large");
  const animated = (metadata.pages ?? 1) > 1 && (format === "gif" || format === "webp");
  // A moving GIF becomes a GIFV video when ffmpeg can make one; otherwise it stays a GIF.
  if (animated && format === "gif" && (await ffmpegAvailable())) {
    const gifv = await inspectAv(bytes, true);
    if (gifv !== undefined) return gifv;
  }
  return { kind: "image", bytes, format, animated };
}

export interface StoredVersion {
  body: Uint8Array;
  contentType: string;
}

export interface ProcessedAttachment {
  type: "image" | "gifv" | "video" | "audio";
  original: StoredVersion;
  /** null for audio (no picture). */
  small: StoredVersion | null;
  blurhash: string | null;
  meta: MediaMeta;
}

function sizeOf(width: number, height: number): MediaSize {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/** The largest width×height with the same aspect and at most `max` pixels (never upscaled). */
export function fitPixels(width: number, height: number, max: number): [number, number] {
  if (width * height <= max) return [width, height];
  const scale = Math.sqrt(max / (width * height));
  return [Math.max(1, Math.floor(width * scale)), Math.max(1, Math.floor(height * scale))];
}

/** The stored versions of an inspected upload. Throws 422 when the data does not decode. */
export async function processUpload(upload: InspectedUpload): Promise<ProcessedAttachment> {
  if (upload.kind === "av") {
    const av = await processAv(upload);
    if (av.frame === null) return { ...av, small: null, blurhash: null };
    const small = await makeSmall(av.frame);
    return { ...av, ...small, meta: { ...av.meta, small: small.size } };
  }
  return processImage(upload);
}

/** The stored versions of an inspected image. Throws 422 when the data does not decode. */
export async function processImage(upload: ImageUpload): Promise<ProcessedAttachment> {
  try {
    return await makeVersions(upload);
  } catch {
    // Headers that parse but data that does not (a truncated file).
    throw invalid("could not be processed");
  }
}

async function makeVersions({ bytes, format, animated }: ImageUpload) {
  // rotate() with no angle applies the EXIF orientation; sharp writes no metadata by default.
  // Moving images carry no EXIF orientation (and sharp cannot turn every frame).
  const input = sharp(bytes, { ...SHARP_OPTIONS, animated });
  const upright = await (animated ? input : input.rotate()).toBuffer({ resolveWithObject: true });
  const frameHeight = upright.info.pageHeight ?? upright.info.height;
  const [width, height] = fitPixels(upright.info.width, frameHeight, ORIGINAL_MAX_PIXELS);
  // A still GIF is stored as PNG (same pixels, no palette limit); a moving one stays a GIF,
  // an image as Mastodon shows it when it cannot make a GIFV video.
  const out: Format = format === "gif" && !animated ? "png" : format;
  const original = await sharp(upright.data, { ...SHARP_OPTIONS, animated })
    .resize(width, height, { fit: "fill" })
    [out]()
    .toBuffer();
  const small = await makeSmall(original);
  return {
    type: "image" as const,
    original: { body: original, contentType: TYPES[out] },
    small: small.small,
    blurhash: small.blurhash,
    meta: { original: sizeOf(width, height), small: small.size },
  };
}

/** The preview: the first frame, at most 640×360 worth of pixels, WebP (keeps transparency). */
async function makeSmall(image: Uint8Array) {
  const { width = 1, height = 1 } = await sharp(image, SHARP_OPTIONS).metadata();
  const [w, h] = fitPixels(width, height, SMALL_MAX_PIXELS);
  const body = await sharp(image, SHARP_OPTIONS).resize(w, h, { fit: "fill" }).webp().toBuffer();
  return {
    small: { body, contentType: TYPES.webp },
    blurhash: await blurhashOf(body),
    size: sizeOf(w, h),
  };
}

/** Mastodon's blurhash: 4×4 components from a small thumbnail. */
async function blurhashOf(image: Uint8Array): Promise<string> {
  const { data, info } = await sharp(image)
    .resize(32, 32, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, 4, 4);
}
