// GET /system/<key>: files of the local-disk storage (./storage.ts). Served with the type their
// key's extension names (images, MP4 video, MP3 audio; never HTML, JSON or SVG), never sniffed,
// in a sandbox: a file that is really a script or a page cannot run in our origin. Keys are
// random and never reused, so a file may be cached for a year. Single byte ranges are
// answered (206), because Safari plays video and audio only from a server that does.
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { errorResponse } from "../api/errors.ts";
import { isPublicKey, SYSTEM_PATH } from "./storage.ts";

const YEAR = 365 * 24 * 60 * 60;

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` → [start, end] inclusive; null when unsatisfiable. */
export function parseRange(header: string, size: number): [number, number] | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return undefined; // not a single byte range: serve the whole file
  const [, a = "", b = ""] = match;
  if (a === "" && b === "") return undefined;
  if (a === "") {
    const n = Math.min(Number(b), size);
    return n === 0 ? null : [size - n, size - 1];
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  return start >= size || start > end ? null : [start, end];
}

export const mediaRoutes = new Hono<Env>().get(`${SYSTEM_PATH}/:key{.+}`, async (c) => {
  const key = c.req.param("key");
  // Raw uploads waiting for processing still carry their EXIF (location): never served.
  const file = isPublicKey(key) ? await c.var.ctx.storage.get(key) : undefined;
  if (file === undefined) return errorResponse(c, 404, "Record not found");
  c.header("Content-Type", file.contentType);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  c.header("Cache-Control", `public, max-age=${YEAR}, immutable`);
  c.header("Accept-Ranges", "bytes");
  const size = file.body.byteLength;
  const header = c.req.header("range");
  const range = header === undefined ? undefined : parseRange(header, size);
  if (range === null) {
    c.header("Content-Range", `bytes */${size}`);
    return c.body(null, 416);
  }
  if (range !== undefined) {
    const [start, end] = range;
    c.header("Content-Range", `bytes ${start}-${end}/${size}`);
    return c.body(file.body.subarray(start, end + 1) as Uint8Array<ArrayBuffer>, 206);
  }
  return c.body(file.body as Uint8Array<ArrayBuffer>);
});
