import assert from "node:assert/strict";
import { after, test } from "node:test";
import { isBlurhashValid } from "blurhash";
import sharp from "sharp";
import { HttpError } from "../../src/lib/errors.ts";
import {
  fitPixels,
  type ImageUpload,
  inspectUpload,
  looksLikeAudioOrVideo,
  NO_VIDEO_MESSAGE,
  ORIGINAL_MAX_PIXELS,
  processUpload,
} from "../../src/media/attachments.ts";
import { setFfmpegAvailable } from "../../src/media/video.ts";
import { fastVideo, needsFfmpeg, wavAudio, webmVideo } from "./av-fixtures.ts";
import { animatedGif, blob, pngBomb, sidewaysJpeg, solid } from "./fixtures.ts";

after(() => setFfmpegAvailable(undefined));

async function rejects(promise: Promise<unknown>, message: RegExp | string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 422);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

const process = async (bytes: Uint8Array, type = "image/png") =>
  processUpload(await inspectUpload(blob(bytes, type)));

test("a sideways JPEG is turned upright, stripped, previewed and blurhashed", async () => {
  const result = await process(await sidewaysJpeg());
  assert.equal(result.type, "image");
  assert.equal(result.original.contentType, "image/jpeg");
  const meta = await sharp(result.original.body).metadata();
  assert.deepEqual(
    [meta.width, meta.height, meta.exif, meta.orientation],
    [40, 80, undefined, undefined],
  );
  assert.deepEqual(result.meta.original, { width: 40, height: 80, size: "40x80", aspect: 0.5 });
  assert.deepEqual(result.meta.small, result.meta.original, "small images are not upscaled");
  assert.equal(result.small?.contentType, "image/webp");
  assert.equal((await sharp(result.small?.body).metadata()).format, "webp");
  assert.ok(result.blurhash && isBlurhashValid(result.blurhash).result, `${result.blurhash}`);
});

test("originals are scaled to 3840×2160 worth of pixels; previews to 640×360 worth", async () => {
  const big = await solid(4000, 2250).png({ compressionLevel: 1 }).toBuffer();
  const result = await process(big);
  const { original, small } = result.meta;
  const area = (s: typeof original) => (s?.width ?? 0) * (s?.height ?? 0);
  assert.ok(area(original) > 0 && area(original) <= ORIGINAL_MAX_PIXELS);
  assert.ok(Math.abs((original?.aspect ?? 0) - 4000 / 2250) < 0.01);
  assert.ok(area(small) > 0 && area(small) <= 640 * 360);
  assert.equal((await sharp(result.original.body).metadata()).width, original?.width);
});

test("without ffmpeg, an animated GIF stays a moving GIF image and video is refused", async () => {
  setFfmpegAvailable(false);
  try {
    const inspected = (await inspectUpload(blob(await animatedGif(), "image/gif"))) as ImageUpload;
    assert.equal(inspected.kind, "image");
    assert.equal(inspected.animated, true);
    const result = await processUpload(inspected);
    assert.equal(result.type, "image");
    assert.equal(result.original.contentType, "image/gif");
    assert.equal((await sharp(result.original.body, { animated: true }).metadata()).pages, 3);
    assert.equal(result.small?.contentType, "image/webp");
    const mp4 = Buffer.from("\0\0\0\x18ftypmp42\0\0\0\0mp42isom", "latin1");
    await rejects(inspectUpload(blob(mp4, "image/png")), NO_VIDEO_MESSAGE);
  } finally {
    setFfmpegAvailable(undefined);
  }
});

test("with ffmpeg, an animated GIF becomes a silent MP4 (gifv)", await needsFfmpeg(), async () => {
  const result = await process(await animatedGif(), "image/gif");
  assert.equal(result.type, "gifv");
  assert.equal(result.original.contentType, "video/mp4");
  assert.equal(Buffer.from(result.original.body.subarray(4, 8)).toString("latin1"), "ftyp");
  assert.equal(result.meta.original?.width, 60);
  assert.equal(result.small?.contentType, "image/webp");
});

test("with ffmpeg, video becomes H.264 MP4 with a preview frame", await needsFfmpeg(), async () => {
  const result = await process(await webmVideo(), "video/webm");
  assert.equal(result.type, "video");
  assert.equal(result.original.contentType, "video/mp4");
  assert.equal(result.meta.original?.width, 64);
  assert.equal(result.meta.original?.height, 48);
  assert.equal(result.meta.original?.frame_rate, "10/1");
  assert.ok((result.meta.original?.duration ?? 0) > 0.5);
  assert.ok(result.small && result.blurhash);
});

test("with ffmpeg, audio becomes MP3 without a preview", await needsFfmpeg(), async () => {
  const result = await process(await wavAudio(), "audio/wav");
  assert.equal(result.type, "audio");
  assert.equal(result.original.contentType, "audio/mpeg");
  assert.equal(result.small, null);
  assert.ok((result.meta.original?.duration ?? 0) > 0.5);
  await rejects(inspectUpload(blob(await fastVideo(), "video/mp4")), /frame rate is too high/);
  // A container header with nothing playable inside.
  const mp4 = Buffer.from("\0\0\0\x18ftypmp42\0\0\0\0mp42isom", "latin1");
  await rejects(
    inspectUpload(blob(mp4, "video/mp4")),
    "Validation failed: File content type is invalid",
  );
});

test("refusals: not an image, too many pixels, too many bytes", async () => {
  await rejects(
    inspectUpload(new Blob(["<html>"])),
    "Validation failed: File content type is invalid",
  );
  await rejects(inspectUpload(blob(pngBomb(5761, 5761), "image/png")), /dimensions are too large/);
  const padded = Buffer.concat([
    await solid(10, 10).png().toBuffer(),
    Buffer.alloc(16 * 1024 * 1024),
  ]);
  await rejects(inspectUpload(blob(padded, "image/png")), /file size must be less than 16 MB/);
});

test("audio and video containers are recognised by their magic bytes", () => {
  const bytes = (s: string) => Buffer.from(s, "latin1");
  for (const sample of [
    "\0\0\0\x20ftypM4A ",
    "\x1a\x45\xdf\xa3",
    "OggS\0",
    "ID3\x03",
    "RIFF\0\0\0\0WAVE",
    "fLaC",
  ])
    assert.equal(looksLikeAudioOrVideo(bytes(sample)), true, JSON.stringify(sample));
  assert.equal(looksLikeAudioOrVideo(bytes("<html>")), false);
  assert.equal(looksLikeAudioOrVideo(bytes("GIF89a")), false);
});

test("fitPixels keeps the aspect and never upscales", () => {
  assert.deepEqual(fitPixels(100, 50, 10_000), [100, 50]);
  assert.deepEqual(fitPixels(400, 100, 10_000), [200, 50]);
});
