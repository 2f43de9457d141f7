// Custom emoji images: PNG, GIF or WebP up to 256 KiB (Mastodon's limit), as decided by the
// decoder, never the file name. Each is re-encoded in its own format (dropping metadata and
// anything after the image data), moving ones keep moving, and `static` is a still PNG of the
// first frame for clients that turn animations off. A still image serves as its own static.
import sharp, { type Metadata } from "sharp";
import { EMOJI_SIZE_LIMIT } from "../domain/emoji-shortcodes.ts";
import { MEDIA_LIMITS } from "../domain/limits.ts";

export interface EmojiImage {
  body: Uint8Array;
  contentType: string;
}

export type ProcessedEmoji =
  | { type: "ok"; original: EmojiImage; static: EmojiImage | null }
  | { type: "invalid"; reason: string };

const FORMATS = { png: "image/png", gif: "image/gif", webp: "image/webp" } as const;
type Format = keyof typeof FORMATS;

const isFormat = (f: string | undefined): f is Format => f !== undefined && f in FORMATS;

export async function processEmojiImage(input: Uint8Array): Promise<ProcessedEmoji> {
  if (input.byteLength > EMOJI_SIZE_LIMIT)
    return { type: "invalid", reason: `is larger than ${EMOJI_SIZE_LIMIT / 1024} KiB` };
  const options = { limitInputPixels: MEDIA_LIMITS.imageMatrixLimit, failOn: "error" as const };
  let metadata: Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch {
    return { type: "invalid", reason: "is not an image" };
  }
  const format = metadata.format;
  if (!isFormat(format))
    return { type: "invalid", reason: `must be PNG, GIF or WebP (it is ${format ?? "unknown"})` };
  const animated = (metadata.pages ?? 1) > 1;
  try {
    if (animated) {
      const moving = await sharp(input, { ...options, animated: true })
        [format]()
        .toBuffer();
      const still = await sharp(input, options).png().toBuffer();
      return {
        type: "ok",
        original: { body: moving, contentType: FORMATS[format] },
        static: { body: still, contentType: FORMATS.png },
      };
    }
    // A still GIF becomes PNG: the same pixels without the palette.
    const out = format === "gif" ? "png" : format;
    const body = await sharp(input, options)[out]().toBuffer();
    return { type: "ok", original: { body, contentType: FORMATS[out] }, static: null };
  } catch {
    // Headers that parse but data that does not (a truncated file).
    return { type: "invalid", reason: "could not be decoded" };
  }
}
