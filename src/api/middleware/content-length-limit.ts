// Refuses a request whose declared body is larger than any endpoint accepts, before reading
// it. Bodies without Content-Length (chunked) are counted where they are read (api/params.ts).
// @NOTE Not hono/body-limit: it touches `request.body`, which makes node-server build a full
// undici Request whose AbortSignal Node never frees (undici PR #5822): memory grew per request.
import { createMiddleware } from "hono/factory";
import type { Env } from "../env.ts";
import { errorBody } from "../errors.ts";

export function contentLengthLimit(maxBytes: number) {
  return createMiddleware<Env>(async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared !== undefined && !/^\d+$/.test(declared.trim())) {
      return c.json(errorBody("Invalid Content-Length"), 400);
    }
    if (declared !== undefined && Number(declared) > maxBytes) {
      return c.json(errorBody("Request entity too large"), 413);
    }
    await next();
  });
}
