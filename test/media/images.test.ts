import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import sharp from "sharp";
import { HttpError } from "../../src/lib/errors.ts";
import { processPicture } from "../../src/media/images.ts";
import { contentTypeOfKey, createLocalStorage, newKey } from "../../src/media/storage.ts";
import { animatedGif, blob, pngImage, sidewaysJpeg } from "./fixtures.ts";

async function pixel(image: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + 3)];
}

const near = (actual: number[], expected: number[]) =>
  assert.ok(
    actual.every((v, i) => Math.abs(v - (expected[i] as number)) < 40),
    `${actual} is not near ${expected}`,
  );

async function rejects(promise: Promise<unknown>, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 422);
    assert.match(error.message, message);
    return true;
  });
}

test("a JPEG is turned upright, resized and stripped of EXIF", async () => {
  const result = await processPicture("avatar", blob(await sidewaysJpeg(), "image/jpeg"));
  assert.equal(result.original.contentType, "image/jpeg");
  assert.equal(result.static, null);
  const meta = await sharp(result.original.body).metadata();
  assert.equal(meta.width, 400);
  assert.equal(meta.height, 400);
  assert.equal(meta.exif, undefined);
  assert.equal(meta.orientation, undefined);
  // Stored sideways with red on the left; turned clockwise, red is on top.
  near(await pixel(result.original.body, 200, 20), [255, 0, 0]);
  near(await pixel(result.original.body, 200, 380), [0, 0, 255]);
});

test("a header is 1500×500 and keeps PNG", async () => {
  const result = await processPicture("header", blob(await pngImage(300, 300), "image/png"));
  const meta = await sharp(result.original.body).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ["png", 1500, 500]);
});

test("an animated GIF stays animated, with a still PNG of its first frame", async () => {
  const result = await processPicture("avatar", blob(await animatedGif(), "image/gif"));
  assert.equal(result.original.contentType, "image/gif");
  const moving = await sharp(result.original.body, { animated: true }).metadata();
  assert.equal(moving.pages, 3);
  assert.equal(moving.width, 400);
  assert.equal(moving.pageHeight, 400);
  assert.ok(result.static);
  assert.equal(result.static.contentType, "image/png");
  const still = await sharp(result.static.body).metadata();
  assert.deepEqual([still.format, still.width, still.height], ["png", 400, 400]);
  near(await pixel(result.static.body, 200, 200), [255, 0, 0]);
});

test("text called .png, SVG and oversized files are refused with 422", async () => {
  const text = new File(["hello, I am not a picture"], "avatar.png", { type: "image/png" });
  await rejects(processPicture("avatar", text), /^Validation failed: Avatar content type/);
  const svg = new File(
    ['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
    "a.svg",
    {
      type: "image/svg+xml",
    },
  );
  await rejects(processPicture("header", svg), /^Validation failed: Header content type/);
  const huge = new File([new Uint8Array(16 * 1024 * 1024 + 1)], "big.png", { type: "image/png" });
  await rejects(processPicture("avatar", huge), /file size must be less than 16 MB/);
});

const root = mkdtempSync(path.join(tmpdir(), "hearth-storage-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("local storage keeps, serves and deletes files by key", async () => {
  const storage = createLocalStorage(root, "https://hearth.test");
  const key = newKey("accounts/avatars/1/original", "image/png");
  assert.match(key, /^accounts\/avatars\/1\/original\/[0-9a-f]{24}\.png$/);
  await storage.put(key, new Uint8Array([1, 2, 3]), "image/png");
  const got = await storage.get(key);
  assert.deepEqual(got, { body: new Uint8Array([1, 2, 3]), contentType: "image/png" });
  assert.equal(storage.url(key), `https://hearth.test/system/${key}`);
  await storage.delete(key);
  assert.equal(await storage.get(key), undefined);
  await storage.delete(key); // deleting twice is fine
  // Keys we would never make are not files.
  for (const bad of ["../etc/passwd.png", "a/../b.png", "x.html", "x.svg", "x.json", "/abs.png"]) {
    assert.equal(contentTypeOfKey(bad), undefined, bad);
    assert.equal(await storage.get(bad), undefined);
  }
  await assert.rejects(storage.put("x.png", new Uint8Array(), "text/html"));
});
