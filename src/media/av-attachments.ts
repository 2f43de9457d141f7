// Video, audio and GIFV attachments (./video.ts runs ffmpeg). Checked in the request with
// ffprobe against Mastodon's video limits; transcoded later by the media job: video to
// H.264/AAC MP4, animated GIFs to silent MP4 ("gifv", as Mastodon), audio to MP3. The preview
// of a video is its first frame, made small like an image's.
import sharp from "sharp";
import type { MediaMeta, MediaSize } from "../db/schema/index.ts";
import { MEDIA_LIMITS } from "../domain/limits.ts";
import { unprocessable } from "../lib/errors.ts";
import { demuxerOf, ffmpegAvailable, type Probe, probe, transcode, withTempFile } from "./video.ts";

export const NO_VIDEO_MESSAGE = "This server does not accept video or audio uploads";

export interface AvUpload {
  kind: "av";
  type: "video" | "audio" | "gifv";
  bytes: Uint8Array;
  demuxer: string;
  probe: Probe;
}

const invalid = (what: string) => unprocessable(`Validation failed: File ${what}`);

/** Audio or video by its magic bytes (not GIF, which the image decoder handles). */
export function looksLikeAudioOrVideo(bytes: Uint8Array): boolean {
  const demuxer = demuxerOf(bytes);
  return demuxer !== undefined && demuxer !== "gif";
}

/** Checks a non-image upload; undefined when it is not audio or video at all. */
export async function inspectAv(bytes: Uint8Array, gifv = false): Promise<AvUpload | undefined> {
  const demuxer = demuxerOf(bytes);
  if (demuxer === undefined || (demuxer === "gif") !== gifv) return undefined;
  if (!(await ffmpegAvailable())) throw unprocessable(NO_VIDEO_MESSAGE);
  if (bytes.byteLength > MEDIA_LIMITS.videoSizeLimit) {
    throw invalid(`file size must be less than ${MEDIA_LIMITS.videoSizeLimit / 1024 / 1024} MB`);
  }
  const info = await withTempFile(bytes, (input) => probe(input, demuxer));
  if (info === undefined) return undefined;
  if (info.kind === "video") {
    if ((info.width ?? 0) * (info.height ?? 0) > MEDIA_LIMITS.videoMatrixLimit) {
      throw invalid("dimensions are too large");
    }
    if ((info.frameRate ?? 0) > MEDIA_LIMITS.videoFrameRateLimit) {
      throw invalid("frame rate is too high");
    }
  }
  return { kind: "av", type: gifv ? "gifv" : info.kind, bytes, demuxer, probe: info };
}

export interface AvVersions {
  type: "video" | "audio" | "gifv";
  original: { body: Uint8Array; contentType: string };
  /** The first frame, small; null for audio. */
  frame: Uint8Array | null;
  meta: MediaMeta;
}

export async function processAv(upload: AvUpload): Promise<AvVersions> {
  let result: Awaited<ReturnType<typeof transcode>>;
  try {
    result = await withTempFile(upload.bytes, (input, dir) =>
      transcode(input, dir, upload.demuxer, upload.type),
    );
  } catch {
    throw invalid("could not be processed");
  }
  const p = upload.probe;
  const original: MediaSize = {
    ...(p.duration === null ? {} : { duration: p.duration }),
    ...(p.bitrate === null ? {} : { bitrate: Math.round(p.bitrate) }),
  };
  if (result.frame !== null) {
    const { width = 0, height = 0 } = await sharp(result.frame).metadata();
    Object.assign(original, { width, height, size: `${width}x${height}`, aspect: width / height });
    if (p.frameRateText !== null) original.frame_rate = p.frameRateText;
  }
  return {
    type: upload.type,
    original: {
      body: result.body,
      contentType: upload.type === "audio" ? "audio/mpeg" : "video/mp4",
    },
    frame: result.frame,
    meta: { original },
  };
}
