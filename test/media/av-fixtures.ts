// Video and audio samples made with ffmpeg's built-in sources (only when ffmpeg is installed).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegAvailable } from "../../src/media/video.ts";

const run = promisify(execFile);

/** The skip option for node:test when ffmpeg is absent, with the reason. */
export async function needsFfmpeg(): Promise<{ skip?: string }> {
  return (await ffmpegAvailable())
    ? {}
    : { skip: "ffmpeg is not installed (apt-get install ffmpeg)" };
}

async function make(name: string, args: string[]): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-av-"));
  try {
    const out = path.join(dir, name);
    await run("ffmpeg", ["-nostdin", "-loglevel", "error", ...args, out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One second of a 64×48 test pattern at 10 fps with a tone, as WebM (VP8/Vorbis). */
export const webmVideo = () =>
  make("v.webm", [
    ...["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"],
    ...["-f", "lavfi", "-i", "sine=frequency=440:duration=1"],
    ...["-c:v", "libvpx", "-c:a", "libvorbis", "-shortest"],
  ]);

/** One second of a tone as WAV. */
export const wavAudio = () => make("a.wav", ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]);

/** A video of 60 fps × 4K+ frames is expensive; the frame-rate cap is tested with 200 fps. */
export const fastVideo = () =>
  make("f.mp4", [
    ...["-f", "lavfi", "-i", "testsrc=size=32x32:rate=200:duration=0.1"],
    ...["-c:v", "libx264", "-pix_fmt", "yuv420p"],
  ]);
