// Serves the shipped images (./manifest.ts): GET /assets/<digest>/<name>, and the default
// avatar and header at Mastodon's paths /avatars/original/missing.png and
// /headers/original/missing.png.
import { type Context, Hono } from "hono";
import type { Env } from "../api/env.ts";
import { errorResponse } from "../api/errors.ts";
import {
  type Asset,
  appIconName,
  findAsset,
  MISSING_AVATAR,
  MISSING_AVATAR_PATH,
  MISSING_HEADER,
  MISSING_HEADER_PATH,
} from "./manifest.ts";

const YEAR = 365 * 24 * 60 * 60;
const DAY = 24 * 60 * 60;

function serve(c: Context<Env>, asset: Asset, cacheControl: string) {
  const etag = `"${asset.digest}"`;
  c.header("Cache-Control", cacheControl);
  c.header("ETag", etag);
  const match = c.req.header("if-none-match");
  if (match?.split(",").some((tag) => tag.trim() === etag)) {
    return c.body(null, 304);
  }
  c.header("Content-Type", asset.contentType);
  return c.body(asset.body);
}

export const assetRoutes = new Hono<Env>()
  .get("/assets/:digest/:name{.+}", (c) => {
    const asset = findAsset(c.req.param("name"));
    if (asset === undefined) return errorResponse(c, 404, "Record not found");
    // A URL with an old digest (cached before an upgrade) still gets the image, but only the
    // current URL may be kept forever.
    const current = asset.digest === c.req.param("digest");
    return serve(c, asset, current ? `public, max-age=${YEAR}, immutable` : "public, max-age=300");
  })
  .get(MISSING_AVATAR_PATH, (c) => serve(c, findAsset(MISSING_AVATAR)!, `public, max-age=${DAY}`))
  .get(MISSING_HEADER_PATH, (c) => serve(c, findAsset(MISSING_HEADER)!, `public, max-age=${DAY}`))
  // Browsers ask for /favicon.ico on every site whatever the page links; a PNG is accepted.
  .get("/favicon.ico", (c) => serve(c, findAsset(appIconName(48))!, `public, max-age=${DAY}`));
