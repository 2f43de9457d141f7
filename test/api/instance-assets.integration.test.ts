// The images the instance documents point at: served, valid PNGs of the advertised sizes,
// cached as their URLs allow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, inflateSync } from "node:zlib";
import { describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

/** Checks a PNG's structure (signature, chunk CRCs, image data length); returns its size. */
function readPng(bytes: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(bytes);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString("ascii", offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    assert.equal(crc32(buf.subarray(offset + 4, offset + 8 + length)) >>> 0, crc, `${type} CRC`);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, "bit depth");
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[body[9]!] ?? 0;
      assert.ok(channels > 0, "RGB or RGBA");
    }
    if (type === "IDAT") data.push(body);
    if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  assert.ok(ended, "IEND");
  const pixels = inflateSync(Buffer.concat(data));
  assert.equal(pixels.length, (width * channels + 1) * height, "image data length");
  return { width, height };
}

describeEachDatabase("instance images", (rig) => {
  async function fetchImage(url: string, headers: Record<string, string> = {}) {
    const res = await rig().request(new URL(url).pathname, { headers });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes };
  }

  test("the thumbnail and every icon are PNGs of the advertised sizes, cached for a year", async () => {
    const v2 = (await rig().get<Json>("/api/v2/instance")).body;
    const images: { url: string; width: number; height: number }[] = [
      { url: v2.thumbnail.versions["@1x"], width: 1200, height: 630 },
      { url: v2.thumbnail.versions["@2x"], width: 2400, height: 1260 },
      ...v2.icon.map((icon: Json) => {
        const [w, h] = icon.size.split("x").map(Number);
        return { url: icon.src, width: w, height: h };
      }),
    ];
    for (const image of images) {
      const { res, bytes } = await fetchImage(image.url);
      assert.equal(res.status, 200, image.url);
      assert.equal(res.headers.get("content-type"), "image/png");
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.deepEqual(readPng(bytes), { width: image.width, height: image.height }, image.url);
    }
    const v1 = (await rig().get<Json>("/api/v1/instance")).body;
    assert.equal(v1.thumbnail, v2.thumbnail.url);
  });

  test("the default avatar and header answer at Mastodon's paths", async () => {
    for (const [path, width, height] of [
      ["/avatars/original/missing.png", 400, 400],
      ["/headers/original/missing.png", 1500, 500],
    ] as const) {
      const { res, bytes } = await fetchImage(`https://hearth.test${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get("content-type"), "image/png");
      assert.equal(res.headers.get("cache-control"), "public, max-age=86400");
      assert.deepEqual(readPng(bytes), { width, height });
      // Revalidation by ETag costs no body.
      const etag = res.headers.get("etag") ?? "";
      assert.match(etag, /^"[0-9a-f]{16}"$/);
      const again = await fetchImage(`https://hearth.test${path}`, { "if-none-match": etag });
      assert.equal(again.res.status, 304);
      assert.equal(again.bytes.length, 0);
    }
  });

  test("an outdated digest still gets the image, but not for keeps; unknown names are 404", async () => {
    const v2 = (await rig().get<Json>("/api/v2/instance")).body;
    const current = new URL(v2.thumbnail.url).pathname;
    const stale = current.replace(/\/assets\/[0-9a-f]{16}\//, "/assets/0000000000000000/");
    const { res, bytes } = await fetchImage(`https://hearth.test${stale}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=300");
    assert.deepEqual(readPng(bytes), { width: 1200, height: 630 });
    for (const path of [
      "/assets/0000000000000000/images/nope.png",
      "/assets/0000000000000000/../package.json",
    ]) {
      const missing = await rig().get(path);
      assert.equal(missing.status, 404, path);
      assert.deepEqual(missing.body, { error: "Record not found" });
    }
  });

  test("HEAD answers without a body", async () => {
    const res = await rig().request("/avatars/original/missing.png", { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.equal((await res.arrayBuffer()).byteLength, 0);
  });
});
