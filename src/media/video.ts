// Video, audio and GIFV with ffmpeg, when it is installed (Debian's `ffmpeg` package); without
// it such uploads are refused with a clear message. Hardening after CVE-2023-36460 (security
// catalogue N1) and ffmpeg's playlist tricks: the upload is written to a fresh temporary
// directory under a fixed name; the demuxer is chosen by us from the file's magic bytes and
// forced with `-f` (so an HLS or concat playlist is never parsed); only the `file` protocol is
// allowed; all metadata is dropped from the output.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

let available: Promise<boolean> | undefined;

/** Tests pretend ffmpeg is absent (or present) with this; undefined asks the system again. */
export function setFfmpegAvailable(value: boolean | undefined): void {
  available = value === undefined ? undefined : Promise.resolve(value);
}

/** Whether ffmpeg and ffprobe can be run; asked once per process. */
export function ffmpegAvailable(): Promise<boolean> {
  available ??= Promise.all([
    run("ffmpeg", ["-version"], { timeout: 10_000 }),
    run("ffprobe", ["-version"], { timeout: 10_000 }),
  ]).then(
    () => true,
    () => false,
  );
  return available;
}

/** The ffmpeg demuxer for a file's magic bytes, from an allow-list; undefined otherwise. */
export function demuxerOf(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) =>
    String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
  if (ascii(4, 8) === "ftyp") return "mov"; // MP4, QuickTime, M4A, 3GP
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return "matroska"; // also WebM
  if (ascii(0, 4) === "OggS") return "ogg";
  if (ascii(0, 4) === "fLaC") return "flac";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "wav";
  if (bytes[0] === 0x30 && bytes[1] === 0x26 && bytes[2] === 0xb2 && bytes[3] === 0x75)
    return "asf";
  if (ascii(0, 3) === "ID3") return "mp3";
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) return "aac"; // ADTS
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return "mp3"; // MPEG frame
  if (ascii(0, 6) === "GIF89a" || ascii(0, 6) === "GIF87a") return "gif";
  return undefined;
}

export interface Probe {
  kind: "video" | "audio";
  width: number | null;
  height: number | null;
  frameRate: number | null;
  /** The frame rate as ffprobe writes it ("30/1"), which Mastodon shows as is. */
  frameRateText: string | null;
  duration: number | null;
  bitrate: number | null;
}

const PROBE_ARGS = ["-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file"];
const FFMPEG_ARGS = ["-nostdin", ...PROBE_ARGS];
const TIMEOUT = 5 * 60_000;

/** Works on the bytes in a temporary directory that is removed afterwards. */
export async function withTempFile<T>(
  bytes: Uint8Array,
  work: (input: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-media-"));
  try {
    const input = path.join(dir, "input");
    await writeFile(input, bytes);
    return await work(input, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function ratio(text: string | undefined): number | null {
  if (text === undefined) return null;
  const [a, b] = text.split("/").map(Number);
  if (a === undefined || !Number.isFinite(a)) return null;
  const value = b === undefined ? a : b === 0 ? Number.NaN : a / b;
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** ffprobe's view of the file, or undefined when it holds no audio or video stream. */
export async function probe(input: string, demuxer: string): Promise<Probe | undefined> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      "ffprobe",
      [
        ...PROBE_ARGS,
        "-f",
        demuxer,
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        input,
      ],
      { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
    ));
  } catch {
    return undefined;
  }
  // biome-ignore lint/suspicious/noExplicitAny: ffprobe's JSON, read defensively below
  const info = JSON.parse(stdout) as { streams?: any[]; format?: any };
  const streams = info.streams ?? [];
  const video = streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === "audio");
  if (video === undefined && audio === undefined) return undefined;
  const num = (v: unknown) => (Number.isFinite(Number(v)) && v !== undefined ? Number(v) : null);
  const frameRateText = video?.avg_frame_rate ?? video?.r_frame_rate;
  return {
    kind: video === undefined ? "audio" : "video",
    width: num(video?.width),
    height: num(video?.height),
    frameRate: ratio(frameRateText),
    frameRateText: ratio(frameRateText) === null ? null : (frameRateText ?? null),
    duration: num(info.format?.duration),
    bitrate: num(info.format?.bit_rate),
  };
}

/** H.264/AAC MP4 (video, and GIFV without sound), or MP3 (audio); and a PNG of the first frame. */
export async function transcode(
  input: string,
  dir: string,
  demuxer: string,
  kind: "video" | "audio" | "gifv",
): Promise<{ body: Uint8Array; frame: Uint8Array | null }> {
  const source = [...FFMPEG_ARGS, "-f", demuxer, "-i", input, "-map_metadata", "-1"];
  if (kind === "audio") {
    const out = path.join(dir, "out.mp3");
    await run(
      "ffmpeg",
      [...source, "-vn", "-map", "0:a:0", "-c:a", "libmp3lame", "-q:a", "2", "-f", "mp3", out],
      { timeout: TIMEOUT },
    );
    return { body: new Uint8Array(await readFile(out)), frame: null };
  }
  const out = path.join(dir, "out.mp4");
  // Even dimensions (yuv420p needs them); faststart so playback can begin before the end.
  const video = [
    ...["-map", "0:v:0", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23"],
    ...["-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2"],
    ...["-movflags", "+faststart", "-f", "mp4"],
  ];
  const audio = kind === "gifv" ? ["-an"] : ["-map", "0:a:0?", "-c:a", "aac", "-b:a", "128k"];
  await run("ffmpeg", [...source, ...video, ...audio, out], { timeout: TIMEOUT });
  const frame = path.join(dir, "frame.png");
  await run(
    "ffmpeg",
    [
      ...FFMPEG_ARGS,
      "-f",
      "mp4",
      "-i",
      out,
      "-frames:v",
      "1",
      "-f",
      "image2",
      "-c:v",
      "png",
      frame,
    ],
    { timeout: 60_000 },
  );
  return {
    body: new Uint8Array(await readFile(out)),
    frame: new Uint8Array(await readFile(frame)),
  };
}
