// Security catalogue (shared/research/security.md §5), media: F1 (HTML or SVG passed off as an
// image; what /system answers), F4 (a decompression bomb), N1 (file names with traversal on
// upload, and traversal in /system paths). The basic refusals are in test/media/images and
// test/api/accounts-credentials; these send the hostile files through the API.
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { before, test } from "node:test";
import { deflateSync } from "node:zlib";
import { blob, pngImage } from "../media/fixtures.ts";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the schema
type Json = any;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/**
 * A valid-looking PNG that declares `size`×`size` RGBA pixels (10 GB decoded at 50,000) but
 * carries a few KB: the first rows of zeros, deflated.
 */
function pngBomb(size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const rows = deflateSync(Buffer.alloc((size * 4 + 1) * 20), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", rows),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A GET with the path exactly as given (no URL normalisation on our side). */
function rawGet(
  base: string,
  rawPath: string,
): Promise<{ status: number; headers: Json; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: rawPath, method: "GET" },
      (res) => {
        let body = "";
        res.setEncoding("latin1");
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describeEachDatabase(
  "security: media",
  (rig) => {
    let token = "";
    const auth = () => ({ headers: { authorization: `Bearer ${token}` } });
    before(async () => {
      token = await createToken(rig().ctx, "alice", "read write");
    });

    const update = (form: FormData) =>
      rig().send<Json>("PATCH", "/api/v1/accounts/update_credentials", form, auth());

    /** Every file under the data directory, relative to it (mail and the database aside). */
    function files(): string[] {
      return readdirSync(rig().dataDir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.relative(rig().dataDir, path.join(d.parentPath, d.name)))
        .filter((f) => !f.startsWith("mail"))
        .sort();
    }

    test("F1: HTML called .png, SVG with a script, and polyglots are refused; nothing stored", async () => {
      const before = files();
      const html =
        "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>";
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
      const png = await pngImage(10, 10);
      const cases: [string, Uint8Array, string, string][] = [
        ["HTML as PNG", new TextEncoder().encode(html), "image/png", "avatar.png"],
        ["HTML as text/html", new TextEncoder().encode(html), "text/html", "avatar.html"],
        ["SVG as SVG", new TextEncoder().encode(svg), "image/svg+xml", "avatar.svg"],
        ["SVG as PNG", new TextEncoder().encode(svg), "image/png", "avatar.png"],
        [
          "GIF header then HTML",
          new TextEncoder().encode(`GIF89a${html}`),
          "image/gif",
          "avatar.gif",
        ],
        // A real PNG's header and then a page: the image is cut short, so it does not decode.
        [
          "truncated PNG then HTML",
          Buffer.concat([png.subarray(0, 40), Buffer.from(html)]),
          "image/png",
          "a.png",
        ],
      ];
      for (const [label, bytes, type, name] of cases) {
        for (const field of ["avatar", "header"]) {
          const form = new FormData();
          form.set(field, blob(bytes, type), name);
          const res = await update(form);
          assert.equal(res.status, 422, `${label} as ${field}: ${res.text}`);
          assertSchema("Error", res.body);
          assert.match(res.body.error, /^Validation failed: /);
        }
      }
      assert.deepEqual(files(), before, "nothing was written");
    });

    test("F1: /system answers only image types, never sniffed, sandboxed; misses are JSON", async () => {
      // A PNG with a page appended after IEND decodes, and is re-encoded without it.
      const png = await pngImage(20, 20);
      const form = new FormData();
      form.set(
        "avatar",
        blob(Buffer.concat([png, Buffer.from("<html><script>alert(1)</script>")]), "image/png"),
        "a.png",
      );
      const res = await update(form);
      assert.equal(res.status, 200, res.text);
      const file = await rig().request(new URL(res.body.avatar).pathname);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get("content-type"), "image/png");
      assert.equal(file.headers.get("x-content-type-options"), "nosniff");
      assert.match(file.headers.get("content-security-policy") ?? "", /sandbox/);
      assert.match(file.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.equal(bytes.includes("<script>"), false, "the appended page is gone");
      // Files a bug or an operator left in the media root with other extensions are not served.
      const root = path.join(rig().dataDir, "media");
      writeFileSync(path.join(root, "page.html"), "<script>alert(1)</script>");
      writeFileSync(path.join(root, "image.svg"), "<svg><script>alert(1)</script></svg>");
      writeFileSync(path.join(root, "data.json"), "{}");
      for (const p of ["/system/page.html", "/system/image.svg", "/system/data.json"]) {
        const miss = await rig().get(p);
        assert.equal(miss.status, 404, p);
        assertSchema("Error", miss.body);
        assert.match(miss.headers.get("content-type") ?? "", /application\/json/);
      }
    });

    test("F4: a PNG declaring 50,000×50,000 pixels in a few KB is refused by the pixel cap", async () => {
      const bomb = pngBomb(50_000);
      assert.ok(bomb.length < 16 * 1024, `the bomb is ${bomb.length} bytes`);
      const before = files();
      const heapBefore = process.memoryUsage().rss;
      for (const field of ["avatar", "header"]) {
        const form = new FormData();
        form.set(field, blob(bomb, "image/png"), "bomb.png");
        const res = await update(form);
        assert.equal(res.status, 422, res.text);
        assertSchema("Error", res.body);
        // sharp's limitInputPixels (set to the cap) refuses it while reading the header.
        assert.match(res.body.error, /^Validation failed: (Avatar|Header) /);
      }
      // Decoding it would take 10 GB; a bounded run stays far below that.
      assert.ok(process.memoryUsage().rss - heapBefore < 1024 ** 3, "memory stayed bounded");
      assert.deepEqual(files(), before);
      // Just past the cap (33,177,600 px), far below sharp's own default limit, is refused too.
      const form = new FormData();
      form.set("avatar", blob(pngBomb(5761), "image/png"), "edge.png");
      const edge = await update(form);
      assert.equal(edge.status, 422);
      assertSchema("Error", edge.body);
    });

    test("N1: hostile upload file names are ignored; the key is generated inside the media root", async () => {
      const png = await pngImage(16, 16);
      for (const name of [
        "../../etc/passwd",
        "..%2f..%2fconfig.json",
        "/abs/path.png",
        "a\0.png",
        "..\\..\\x.png",
        "../../../secrets.json",
        "x.html",
      ]) {
        const before = files();
        const form = new FormData();
        form.set("avatar", blob(png, "image/png"), name);
        const res = await update(form);
        assert.equal(res.status, 200, `${JSON.stringify(name)}: ${res.text}`);
        assert.match(
          res.body.avatar,
          /\/system\/accounts\/avatars\/\d+\/original\/[0-9a-f]{24}\.png$/,
          JSON.stringify(name),
        );
        const added = files().filter((f) => !before.includes(f));
        for (const f of added) {
          assert.match(f, /^media\/accounts\/avatars\/\d+\/original\/[0-9a-f]{24}\.png$/, f);
        }
      }
      const outside = readdirSync(path.dirname(rig().dataDir));
      assert.equal(
        outside.some((f) => f === "passwd" || f === "config.json" || f === "x.png"),
        false,
      );
    });

    test("N1: traversal in /system paths, plain or encoded, never reaches a file outside", async () => {
      // A file next to the media root that a traversal would reach, with a servable name.
      writeFileSync(path.join(rig().dataDir, "secrets.json"), '{"secretKeyBase":"leak"}');
      writeFileSync(path.join(rig().dataDir, "leak.png"), "LEAKED");
      for (const p of [
        "/system/../secrets.json",
        "/system/../../secrets.json",
        "/system/%2e%2e/secrets.json",
        "/system/%2e%2e/leak.png",
        "/system/..%2fleak.png",
        "/system/..%2f..%2fsecrets.json",
        "/system/%2e%2e%2fleak.png",
        "/system/%252e%252e%252fleak.png",
        "/system/..%5cleak.png",
        "/system/..\\leak.png",
        "/system/accounts/..%2f..%2fleak.png",
        "/system/accounts/%2e%2e/%2e%2e/leak.png",
        "/system//leak.png",
        "/system/%2fleak.png",
        "/system/leak.png%00.png",
        "/system/.%2e/leak.png",
      ]) {
        const res = await rawGet(rig().url, p);
        // A raw backslash is refused by Node's HTTP parser (400) before any route runs.
        if (p.includes("\\")) assert.ok([400, 404].includes(res.status), p);
        else assert.equal(res.status, 404, p);
        assert.equal(res.body.includes("LEAKED"), false, p);
        assert.equal(res.body.includes("secretKeyBase"), false, p);
        assert.doesNotMatch(String(res.headers["content-type"] ?? ""), /html|svg/, p);
      }
    });
  },
  { listen: true },
);
