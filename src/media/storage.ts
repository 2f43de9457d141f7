// Where uploaded files live. One interface, so S3-compatible storage can come later without
// touching the code that stores avatars or attachments; local disk is the default, under
// <HEARTH_DATA_DIR>/media, served by ./routes.ts at /system/<key>.
//
// Keys are made by us (never from a client's file name): lower-case path segments of
// [a-z0-9_-], ending in an extension from the allow-list below. The extension decides the
// Content-Type the file is served with, so nothing stored can come back as HTML, JSON or SVG.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface StoredFile {
  body: Uint8Array;
  contentType: string;
}

export interface Storage {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** undefined when there is no such file. */
  get(key: string): Promise<StoredFile | undefined>;
  /** Deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** The public URL of a key. */
  url(key: string): string;
}

/** The only types we store and serve, by extension. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  // Transcoded attachments (ffmpeg): what browsers play inline.
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  // Uploads as they came, kept only until processed (services/media/process.ts); these live
  // under PRIVATE_PREFIX and are never served.
  bin: "application/octet-stream",
  // Account archives (services/archives), only ever under PRIVATE_PREFIX and never served here.
  zip: "application/zip",
});

export const EXTENSIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(CONTENT_TYPES).map(([ext, type]) => [type, ext])),
);

const KEY_RE = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*\.([a-z0-9]+)$/;

/** The Content-Type of a valid key, or undefined for a key we would never have made. */
export function contentTypeOfKey(key: string): string | undefined {
  const ext = KEY_RE.exec(key)?.[1];
  return ext === undefined ? undefined : CONTENT_TYPES[ext];
}

/** A fresh key such as `accounts/avatars/<id>/original/<random>.png`. */
export function newKey(prefix: string, contentType: string): string {
  const ext = EXTENSIONS[contentType];
  if (ext === undefined) throw new Error(`no storage extension for ${contentType}`);
  return `${prefix}/${randomBytes(12).toString("hex")}.${ext}`;
}

export const SYSTEM_PATH = "/system";

/** Keys under this prefix are the server's own (raw uploads awaiting processing): not served. */
export const PRIVATE_PREFIX = "private/";

/** Whether /system may serve this key: one we would make, not private, not raw bytes. */
export function isPublicKey(key: string): boolean {
  const type = contentTypeOfKey(key);
  return (
    type !== undefined &&
    type !== CONTENT_TYPES.bin &&
    type !== CONTENT_TYPES.zip &&
    !key.startsWith(PRIVATE_PREFIX)
  );
}

export function createLocalStorage(root: string, baseUrl: string): Storage {
  const fileOf = (key: string): string => {
    if (contentTypeOfKey(key) === undefined) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, ...key.split("/"));
  };
  return {
    async put(key, body, contentType) {
      if (contentTypeOfKey(key) !== contentType)
        throw new Error(`key ${key} does not match ${contentType}`);
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temp, body);
      await rename(temp, file);
    },
    async get(key) {
      const contentType = contentTypeOfKey(key);
      if (contentType === undefined) return undefined;
      try {
        return { body: new Uint8Array(await readFile(fileOf(key))), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async delete(key) {
      if (contentTypeOfKey(key) === undefined) return;
      await rm(fileOf(key), { force: true });
    },
    url: (key) => `${baseUrl}${SYSTEM_PATH}/${key}`,
  };
}
