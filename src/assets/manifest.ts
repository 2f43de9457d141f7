// The images Hearth ships: the default instance thumbnail, the app icons, and the pictures of
// accounts without an avatar or header; and the public pages' stylesheet. They are small (about 100 KB together), read once at
// start and served from memory by ./routes.ts.
//
// Their URLs carry a digest of the content (/assets/<digest>/<name>), so they can be cached
// for a year and a changed image still reaches every client. The default avatar and header
// also answer at Mastodon's fixed paths, which some clients compare against to tell a
// default avatar from a chosen one.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export interface Asset {
  /** Path under src/assets, e.g. "icons/android-chrome-36x36.png". */
  name: string;
  digest: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/** Sizes of the app icons, as Mastodon lists them (its Android icon sizes). */
export const APP_ICON_SIZES: readonly number[] = Object.freeze([
  36, 48, 72, 96, 144, 192, 256, 384, 512,
]);

export const THUMBNAIL = "images/preview.png"; // 1200 × 630, Mastodon's @1x size
export const THUMBNAIL_2X = "images/preview@2x.png"; // 2400 × 1260
export const MISSING_AVATAR = "avatars/missing.png";
export const MISSING_HEADER = "headers/missing.png";
/** The stylesheet of the public pages (src/pages/public/). */
export const PUBLIC_CSS = "styles/public.css";

/**
 * BlurHash (4 × 3 components) of images/preview.png, computed from the picture by the script
 * that drew it. Change it together with the image.
 */
export const THUMBNAIL_BLURHASH = "LNJEbXoLIBjZ|[jtj@jtMxay%Mj[";

/** Mastodon's URLs of the default avatar and header. */
export const MISSING_AVATAR_PATH = "/avatars/original/missing.png";
export const MISSING_HEADER_PATH = "/headers/original/missing.png";

export const appIconName = (size: number) => `icons/android-chrome-${size}x${size}.png`;

const NAMES = [
  THUMBNAIL,
  THUMBNAIL_2X,
  MISSING_AVATAR,
  MISSING_HEADER,
  PUBLIC_CSS,
  ...APP_ICON_SIZES.map(appIconName),
];

function load(name: string): Asset {
  const body = new Uint8Array(readFileSync(new URL(name, import.meta.url)));
  const digest = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const contentType = name.endsWith(".css") ? "text/css; charset=utf-8" : "image/png";
  return { name, digest, contentType, body };
}

const assets: ReadonlyMap<string, Asset> = new Map(NAMES.map((name) => [name, load(name)]));

export function findAsset(name: string): Asset | undefined {
  return assets.get(name);
}

/** The absolute, cache-forever URL of a shipped asset. */
export function assetUrl(baseUrl: string, name: string): string {
  const asset = assets.get(name);
  if (asset === undefined) throw new Error(`no asset named ${name}`);
  return `${baseUrl}/assets/${asset.digest}/${name}`;
}
