// GET /system/<key>: files of the local-disk storage (./storage.ts). Served with the type their
// key's extension names (only images are possible), never sniffed, in a sandbox: a file that
// is really a script or a page cannot run in our origin. Keys are random and never reused, so
// a file may be cached for a year.
import { Hono } from "hono";
import type { Env } from "../api/env.ts";
import { errorResponse } from "../api/errors.ts";
import { SYSTEM_PATH } from "./storage.ts";

const YEAR = 365 * 24 * 60 * 60;

export const mediaRoutes = new Hono<Env>().get(`${SYSTEM_PATH}/:key{.+}`, async (c) => {
  const file = await c.var.ctx.storage.get(c.req.param("key"));
  if (file === undefined) return errorResponse(c, 404, "Record not found");
  c.header("Content-Type", file.contentType);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  c.header("Cache-Control", `public, max-age=${YEAR}, immutable`);
  return c.body(file.body as Uint8Array<ArrayBuffer>);
});
